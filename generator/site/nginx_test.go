package site

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/afero"
)

// nginxConf is the server block docs/publish.md documents.
const nginxConf = "../../docs/nginx/stance.conf"

// nginxAliases are added to the copy of the repository's site the nginx
// test serves, as the site itself has no old URLs: the page's file, the
// alias written into its front matter and the page's own path.
var nginxAliases = []struct{ file, alias, page string }{
	{"content/safety.md", "/old/safety/", "safety/"},
	{"content/exercises/clamshell/index.md", "/clamshells", "exercises/clamshell/"},
}

// TestNginx serves the repository's site with Debian's nginx and exactly
// the server block of docs/nginx/stance.conf (only its listen address,
// root and, for a site under a path, its location and error page paths
// changed), once at the root of the host and once under /sub/. It crawls
// every page and checks that every internal link and asset answers 200
// with the right type, that missing pages and folders without a page get
// the site's 404 page with status 404, that aliases lead to their page,
// that calendars are text/calendar and the feed and sitemap XML, and that
// theme files carry their cache time.
//
// It needs Debian's nginx; without it it skips, unless
// STANCE_REQUIRE_NGINX=1 (CI) makes that a failure.
func TestNginx(t *testing.T) {
	nginx := requireNginx(t)
	conf, err := os.ReadFile(nginxConf)
	if err != nil {
		t.Fatal(err)
	}
	src := copyRepositorySite(t)
	for _, base := range []string{"/", "/sub/"} {
		name := "at the root"
		if base != "/" {
			name = "under " + base
		}
		t.Run(name, func(t *testing.T) {
			port := freeLoopbackPort(t)
			www := filepath.Join(t.TempDir(), "www")
			dest := filepath.Join(www, filepath.FromSlash(strings.Trim(base, "/")))
			siteURL := fmt.Sprintf("http://127.0.0.1:%d%s", port, base)
			if _, err := Build(afero.NewOsFs(), Options{Source: src, Destination: dest, BaseURL: siteURL, BuilderSource: repoSource(t)}); err != nil {
				t.Fatalf("the repository's site does not build:\n%v", err)
			}
			block, err := serverBlock(string(conf), www, port, base)
			if err != nil {
				t.Fatal(err)
			}
			startNginx(t, nginx, block, port)
			notFound, err := os.ReadFile(filepath.Join(dest, "404.html"))
			if err != nil {
				t.Fatal(err)
			}
			s := &served{t: t, site: siteURL, notFound: string(notFound)}
			// The sitemap and the feed are named in robots.txt and in page
			// heads; start from them too, so neither is missed.
			s.crawl(append(pageURLs(t, dest, siteURL), siteURL+"robots.txt", siteURL+"sitemap.xml", siteURL+"feed.xml"))
			s.checkTypes()
			s.checkMissing()
			s.checkAliases()
			s.checkBuilder()
		})
	}
}

func requireNginx(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("nginx")
	if err != nil {
		// Debian installs it in /usr/sbin, outside a normal user's PATH.
		if _, statErr := os.Stat("/usr/sbin/nginx"); statErr == nil {
			return "/usr/sbin/nginx"
		}
		msg := "nginx not found; the nginx test needs Debian's nginx (apt-get install nginx)"
		if os.Getenv("STANCE_REQUIRE_NGINX") == "1" {
			t.Fatal(msg + "; STANCE_REQUIRE_NGINX=1 forbids skipping")
		}
		t.Skip(msg)
	}
	return p
}

// copyRepositorySite copies the repository's site (site.toml, content/,
// templates/) to a temporary folder and gives two of its pages an alias.
func copyRepositorySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	copyRepoSite(t, afero.NewOsFs(), dst, "content", "templates")
	for _, a := range nginxAliases {
		file := filepath.Join(dst, filepath.FromSlash(a.file))
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		front, ok := bytes.CutPrefix(src, []byte("+++\n"))
		if !ok {
			t.Fatalf("%s does not start with +++", a.file)
		}
		src = append([]byte(fmt.Sprintf("+++\naliases = [%q]\n", a.alias)), front...)
		if err := os.WriteFile(file, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// The lines of the documented server block a test may change, and a line
// whose path gets the base path in front: a location or an error page.
var (
	listenLine = "    listen 80;\n"
	rootLine   = "    root /var/www/stance;\n"
	pathLine   = regexp.MustCompile(`(?m)^(\s*(?:location (?:= )?|error_page [^/\n]*))/`)
)

// serverBlock is the documented server block, listening on a loopback
// port, serving root, with base in front of its paths as docs/publish.md
// says to do for a site under a path.
func serverBlock(conf, root string, port int, base string) (string, error) {
	for _, line := range []string{listenLine, rootLine} {
		if strings.Count(conf, line) != 1 {
			return "", fmt.Errorf("%s: expected the line %q once", nginxConf, line)
		}
	}
	if len(pathLine.FindAllString(conf, -1)) < 3 {
		return "", fmt.Errorf("%s: expected location and error_page lines", nginxConf)
	}
	conf = strings.Replace(conf, listenLine, fmt.Sprintf("    listen 127.0.0.1:%d;\n", port), 1)
	conf = strings.Replace(conf, rootLine, fmt.Sprintf("    root %s;\n", root), 1)
	return pathLine.ReplaceAllString(conf, "${1}"+strings.ReplaceAll(base, "$", "$$")), nil
}

// startNginx runs nginx in the foreground with block as its only server,
// like Debian's nginx.conf would include it, and stops it when the test
// ends. Everything nginx writes stays in a temporary prefix. One process
// without workers serves, so it runs the same as root (CI) and as a user.
func startNginx(t *testing.T, nginx, block string, port int) {
	t.Helper()
	dir := t.TempDir()
	main := fmt.Sprintf(`master_process off;
pid %[1]s/nginx.pid;
error_log stderr;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    include %[1]s/stance.conf;
}
`, dir)
	for name, text := range map[string]string{"nginx.conf": main, "stance.conf": block} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stderr bytes.Buffer
	cmd := exec.Command(nginx, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-e", "stderr", "-g", "daemon off;")
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case err := <-exited:
			exited <- err // for the cleanup
			t.Fatalf("nginx exited (%v):\n%s", err, stderr.String())
		default:
		}
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not listen on %s within 10 s:\n%s", addr, stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// pageURLs lists the URL of every HTML file of the built site, so pages
// that nothing links to (programs, aliases) are checked too.
func pageURLs(t *testing.T, dest, siteURL string) []string {
	t.Helper()
	var urls []string
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(dest, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if path.Base(rel) == "index.html" {
			rel = strings.TrimSuffix(rel, "index.html")
		}
		urls = append(urls, siteURL+rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(urls)
	return urls
}

// served is what the crawl of one nginx-served site found.
type served struct {
	t        *testing.T
	site     string // the site's URL, ending in "/"
	notFound string // the built 404.html
	types    map[string]string
	cache    map[string]string
}

// nginxClient never follows redirects: an internal link must answer 200 itself.
var nginxClient = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func (s *served) get(u string) (*http.Response, string) {
	s.t.Helper()
	resp, err := nginxClient.Get(u)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp, string(body)
}

// linkPattern finds URLs in HTML attributes and in the sitemap's <loc>s.
var linkPattern = regexp.MustCompile(`(?:href|src)="([^"]*)"|<loc>([^<]*)</loc>`)

// crawl fetches start and every internal URL reachable from it, and
// fails on any answer but 200.
func (s *served) crawl(start []string) {
	s.types, s.cache = map[string]string{}, map[string]string{}
	site, err := url.Parse(s.site)
	if err != nil {
		s.t.Fatal(err)
	}
	queue := append([]string(nil), start...)
	linkedFrom := map[string]string{}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if _, seen := s.types[u]; seen {
			continue
		}
		resp, body := s.get(u)
		s.types[u] = resp.Header.Get("Content-Type")
		s.cache[u] = resp.Header.Get("Cache-Control")
		if resp.StatusCode != http.StatusOK {
			s.t.Errorf("%s (linked from %s): %s", u, linkedFrom[u], resp.Status)
			continue
		}
		mt, _, _ := mime.ParseMediaType(s.types[u])
		if mt != "text/html" && !strings.HasSuffix(mt, "xml") {
			continue
		}
		page, _ := url.Parse(u)
		for _, m := range linkPattern.FindAllStringSubmatch(body, -1) {
			ref, err := page.Parse(html.UnescapeString(m[1] + m[2]))
			if err != nil {
				s.t.Errorf("%s: bad link %q: %v", u, m[0], err)
				continue
			}
			if ref.Scheme != site.Scheme || ref.Host != site.Host {
				continue // another site, or mailto:
			}
			ref.Fragment = ""
			next := ref.String()
			if _, seen := s.types[next]; !seen {
				if _, queued := linkedFrom[next]; !queued {
					linkedFrom[next] = u
					queue = append(queue, next)
				}
			}
		}
	}
	if len(s.types) < 50 {
		s.t.Fatalf("the crawl reached only %d URLs", len(s.types))
	}
	s.t.Logf("crawled %d URLs", len(s.types))
}

// checkTypes checks the media type of every crawled URL by its kind, and
// that the calendars, feed, sitemap and theme files were among them.
func (s *served) checkTypes() {
	want := map[string]string{
		"/":            "text/html",
		".html":        "text/html",
		".css":         "text/css",
		".svg":         "image/svg+xml",
		".txt":         "text/plain",
		".ics":         "text/calendar",
		"/feed.xml":    "application/atom+xml",
		"/sitemap.xml": "text/xml",
	}
	found := map[string]int{}
	for u, ct := range s.types {
		kind := path.Ext(u)
		switch {
		case strings.HasSuffix(u, "/"):
			kind = "/"
		case kind == ".xml":
			kind = "/" + path.Base(u)
		}
		w, known := want[kind]
		if !known {
			continue
		}
		found[kind]++
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil || mt != w {
			s.t.Errorf("%s: Content-Type %q, want %s", u, ct, w)
		}
		if kind == ".ics" && params["charset"] != "utf-8" {
			s.t.Errorf("%s: Content-Type %q, want charset=utf-8 (names are UTF-8)", u, ct)
		}
		if strings.HasPrefix(u, s.site+"theme/") && s.cache[u] != themeCacheControl {
			s.t.Errorf("%s: Cache-Control %q, want %q", u, s.cache[u], themeCacheControl)
		}
	}
	for _, kind := range []string{"/", ".css", ".ics", "/feed.xml", "/sitemap.xml"} {
		if found[kind] == 0 {
			s.t.Errorf("the crawl found no %s", kind)
		}
	}
}

// checkMissing: missing pages and files, and folders without a page, get
// the site's 404 page with status 404, never a list of files.
func (s *served) checkMissing() {
	for _, rel := range []string{"no-such-page/", "no/such/page.html", "programs/nobody/program.ics", "theme/", "programs/"} {
		resp, body := s.get(s.site + rel)
		if resp.StatusCode != http.StatusNotFound || body != s.notFound {
			s.t.Errorf("%s: %s, want 404 with the site's 404.html; body starts %.80q", rel, resp.Status, body)
		}
	}
}

// checkBuilder: the program builder's page is served, its module as
// application/wasm and gzipped (8 MB, 2 MB compressed), its data as JSON.
func (s *served) checkBuilder() {
	if _, ok := s.types[s.site+builderPath]; !ok {
		s.t.Errorf("the crawl did not reach the program builder at %s", builderPath)
	}
	for file, want := range map[string]string{builderModuleFile: "application/wasm", builderDataFile: "application/json", builderSupportFile: "application/javascript"} {
		req, err := http.NewRequest("GET", s.site+builderPath+file, nil)
		if err != nil {
			s.t.Fatal(err)
		}
		req.Header.Set("Accept-Encoding", "gzip") // set by hand: the response stays compressed
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			s.t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); resp.StatusCode != http.StatusOK || mt != want {
			s.t.Errorf("%s: %s, Content-Type %q, want 200 and %s", file, resp.Status, resp.Header.Get("Content-Type"), want)
		}
		if enc := resp.Header.Get("Content-Encoding"); enc != "gzip" {
			s.t.Errorf("%s: Content-Encoding %q, want gzip", file, enc)
		}
		if file == builderModuleFile && len(body) > 3<<20 {
			s.t.Errorf("%s: %d bytes sent, want the module gzipped (about 2 MB)", file, len(body))
		}
	}
}

// checkAliases: an alias answers its HTML alias page, which sends the
// browser to the page; asked for without its slash, it first redirects
// to the slash, as every folder does.
func (s *served) checkAliases() {
	site, _ := url.Parse(s.site)
	for _, a := range nginxAliases {
		alias := strings.Trim(a.alias, "/")
		target := site.Path + a.page
		resp, body := s.get(s.site + alias + "/")
		refresh := fmt.Sprintf(`<meta http-equiv="refresh" content="0; url=%s">`, target)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, refresh) {
			s.t.Errorf("alias %s: %s, want 200 with %s; body:\n%s", a.alias, resp.Status, refresh, body)
		}
		if resp, _ := s.get(s.site + a.page); resp.StatusCode != http.StatusOK {
			s.t.Errorf("alias target %s: %s", target, resp.Status)
		}
		resp, _ = s.get(s.site + alias)
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusMovedPermanently || loc != site.Path+alias+"/" {
			s.t.Errorf("%s without its slash: %s to %q, want 301 to %s/", alias, resp.Status, loc, site.Path+alias)
		}
	}
}
