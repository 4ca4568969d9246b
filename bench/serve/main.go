// Command serve measures `stance serve` as an author lives with it: on a
// generated site, it saves edits of every kind one after another and
// times each from the save to the moment the browser, told to reload,
// has fetched the page with the change in it. It reads the server's
// resident memory after the first build and after the last edit, each
// right away and once the server has been idle for two seconds (serve
// hands memory back one idle second after a rebuild).
//
//	go run ./bench/serve -pages 10000 -edits 100
//
// The corpus is the benchmark corpus (bench/corpusgen); the server is the
// stance binary built from this checkout. Edits rotate through: a body
// paragraph, a description, a title, a tag, a new guide and the removal
// of one, and every 25th an exercise's cue (its lists, the guides that
// show its card, and the programs planned again).
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/bench/corpusgen"
)

func main() {
	pages := flag.Int("pages", 10000, "pages in the generated site")
	edits := flag.Int("edits", 100, "edits to make")
	keep := flag.Bool("keep", false, "keep the temporary folder")
	flag.Parse()
	if err := run(*pages, *edits, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "serve bench:", err)
		os.Exit(1)
	}
}

func run(pages, edits int, keep bool) error {
	work, err := os.MkdirTemp("", "stance-serve-bench-")
	if err != nil {
		return err
	}
	if !keep {
		defer os.RemoveAll(work)
	}
	bin := filepath.Join(work, "stance")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return fmt.Errorf("building stance: %v\n%s", err, out)
	}
	site := filepath.Join(work, "site")
	if err := corpusgen.Write(afero.NewOsFs(), site, corpusgen.Options{Pages: pages, Seed: 1}); err != nil {
		return err
	}
	// Serve the site with the default theme, as an author would: the
	// corpus's minimal layouts are for comparing builders.
	if err := os.RemoveAll(filepath.Join(site, "templates")); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := startServer(ctx, bin, site)
	if err != nil {
		return err
	}
	defer srv.stop()
	firstRSS := srv.rss()
	time.Sleep(idle)
	firstIdleRSS := srv.rss()
	fmt.Printf("%d pages: first build %s, RSS %d MB, %d MB once idle\n", pages, srv.firstBuild.Round(time.Millisecond), firstRSS>>20, firstIdleRSS>>20)

	events, err := srv.events(ctx)
	if err != nil {
		return err
	}
	guides, exercises, err := pageFiles(site)
	if err != nil {
		return err
	}
	times := map[string][]time.Duration{}
	for i := 0; i < edits; i++ {
		e := nextEdit(i, guides, exercises)
		took, err := srv.measure(e, site, events)
		if err != nil {
			return fmt.Errorf("edit %d (%s of %s): %w", i, e.kind, e.file, err)
		}
		times[e.kind] = append(times[e.kind], took)
		if e.kind == "add page" {
			guides = append(guides, e.file)
		}
		if e.kind == "remove page" {
			guides = slices.DeleteFunc(guides, func(f string) bool { return f == e.file })
		}
	}
	lastRSS := srv.rss()
	time.Sleep(idle)
	lastIdleRSS := srv.rss()
	fmt.Printf("%-14s %5s %9s %9s %9s\n", "edit", "n", "min", "median", "max")
	for _, kind := range editKinds {
		ts := times[kind]
		if len(ts) == 0 {
			continue
		}
		slices.Sort(ts)
		fmt.Printf("%-14s %5d %9s %9s %9s\n", kind, len(ts), ms(ts[0]), ms(ts[len(ts)/2]), ms(ts[len(ts)-1]))
	}
	fmt.Printf("RSS right after edit %d: %d MB, %.2fx right after the first build\n", edits, lastRSS>>20, float64(lastRSS)/float64(firstRSS))
	fmt.Printf("RSS once idle:%s %d MB, %.2fx idle after the first build\n", strings.Repeat(" ", len(fmt.Sprint(edits))+6), lastIdleRSS>>20, float64(lastIdleRSS)/float64(firstIdleRSS))
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// server is a running `stance serve`.
type server struct {
	cmd        *exec.Cmd
	url        string
	firstBuild time.Duration
}

var servingLine = regexp.MustCompile(`Serving .* at (http://\S+)`)

func startServer(ctx context.Context, bin, site string) (*server, error) {
	cmd := exec.CommandContext(ctx, bin, "serve", "--source", site, "--port", "0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if m := servingLine.FindStringSubmatch(lines.Text()); m != nil {
			s.url, s.firstBuild = m[1], time.Since(start)
			break
		}
	}
	if s.url == "" {
		cmd.Process.Kill()
		return nil, errors.New("the server never said where it serves")
	}
	go io.Copy(io.Discard, out) // the per-edit log lines
	return s, nil
}

func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	s.cmd.Wait()
}

// rss is the server's resident memory, from /proc.
func (s *server) rss() int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// events opens the reload stream a served page listens on and passes on
// each reload.
func (s *server) events(ctx context.Context) (<-chan struct{}, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", s.url+"__stance/events", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	ch := make(chan struct{}, 16)
	go func() {
		defer resp.Body.Close()
		lines := bufio.NewScanner(resp.Body)
		for lines.Scan() {
			if lines.Text() == "event: reload" {
				ch <- struct{}{}
			}
		}
	}()
	return ch, nil
}

// measure saves e and waits for the reload and for the page to show it.
func (s *server) measure(e edit, site string, events <-chan struct{}) (time.Duration, error) {
	for len(events) > 0 {
		<-events // a late reload of an earlier edit
	}
	start := time.Now()
	if err := e.apply(site); err != nil {
		return 0, err
	}
	select {
	case <-events:
	case <-time.After(30 * time.Second):
		return 0, errors.New("no reload within 30 s")
	}
	if e.want == "" {
		return time.Since(start), nil
	}
	resp, err := http.Get(s.url + e.url)
	if err != nil {
		return 0, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), e.want) {
		return 0, fmt.Errorf("%s (status %d) does not show %q after the reload", e.url, resp.StatusCode, e.want)
	}
	return took, nil
}

// idle is how long the server is left alone before its memory is read
// again.
const idle = 2 * time.Second

var editKinds = []string{"body", "description", "title", "tag", "add page", "remove page", "exercise cue"}

// edit is one save: the file, how it changes, and the page that must show
// want once the browser reloads ("" when the page goes away).
type edit struct {
	kind, file, url, want string
	change                func(src string) string
}

func (e edit) apply(site string) error {
	p := filepath.Join(site, "content", filepath.FromSlash(e.file))
	src := ""
	if e.kind != "add page" {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		src = string(b)
	}
	if e.kind == "remove page" {
		return os.Remove(p)
	}
	return os.WriteFile(p, []byte(e.change(src)), 0o644)
}

var (
	titleLine       = regexp.MustCompile(`(?m)^title = ".*"$`)
	descriptionLine = regexp.MustCompile(`(?m)^description = ".*"$`)
	tagsLine        = regexp.MustCompile(`(?m)^tags = \[`)
	cuesLine        = regexp.MustCompile(`(?m)^cues = \[`)
)

// nextEdit picks the i-th edit: guides take turns, from the end of the
// list so that removals do not take pages other edits name.
func nextEdit(i int, guides, exercises []string) edit {
	n := strconv.Itoa(i)
	if i%25 == 24 && len(exercises) > 0 {
		f := exercises[i%len(exercises)]
		return edit{kind: "exercise cue", file: f, url: pageURL(f), want: "Cue " + n, change: func(src string) string {
			return cuesLine.ReplaceAllString(src, `cues = ["Cue `+n+`", `)
		}}
	}
	f := guides[(i*7919)%len(guides)]
	switch i % 6 {
	case 0:
		return edit{kind: "body", file: f, url: pageURL(f), want: "Edit " + n + " of the body.", change: func(src string) string {
			return src + "\nEdit " + n + " of the body.\n"
		}}
	case 1:
		return edit{kind: "description", file: f, url: pageURL(f), want: "Description " + n, change: func(src string) string {
			if descriptionLine.MatchString(src) {
				return descriptionLine.ReplaceAllString(src, `description = "Description `+n+`"`)
			}
			return titleLine.ReplaceAllStringFunc(src, func(t string) string { return t + "\ndescription = \"Description " + n + "\"" })
		}}
	case 2:
		return edit{kind: "title", file: f, url: pageURL(f), want: "Title " + n, change: func(src string) string {
			return titleLine.ReplaceAllString(src, `title = "Title `+n+`"`)
		}}
	case 3:
		return edit{kind: "tag", file: f, url: pageURL(f), want: "tag-" + n, change: func(src string) string {
			if tagsLine.MatchString(src) {
				return tagsLine.ReplaceAllString(src, `tags = ["tag-`+n+`", `)
			}
			return titleLine.ReplaceAllStringFunc(src, func(t string) string { return t + "\ntags = [\"tag-" + n + "\"]" })
		}}
	case 4:
		dir := filepath.ToSlash(filepath.Dir(f))
		added := dir + "/added-" + n + ".md"
		return edit{kind: "add page", file: added, url: pageURL(added), want: "Added guide " + n, change: func(string) string {
			return "+++\ntitle = \"Added guide " + n + "\"\ndate = 2026-11-29\n+++\nA new guide.\n"
		}}
	default:
		return edit{kind: "remove page", file: guides[len(guides)-1-i%len(guides)]}
	}
}

// pageURL is the URL path of a page file of the corpus (no slugs).
func pageURL(file string) string {
	file = strings.TrimSuffix(file, ".md")
	file = strings.TrimSuffix(file, "/index")
	return file + "/"
}

// pageFiles lists the corpus's guides (no bundles, no list pages, none
// that other pages link to, so removing one breaks nothing) and its
// exercises.
func pageFiles(site string) (guides, exercises []string, err error) {
	root := filepath.Join(site, "content")
	linked := map[string]bool{}
	var all []string
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range mdLink.FindAllStringSubmatch(string(src), -1) {
			linked[filepath.ToSlash(filepath.Join(filepath.Dir(rel), m[1]))] = true
		}
		all = append(all, rel)
		return nil
	})
	for _, rel := range all {
		switch {
		case strings.HasPrefix(rel, "exercises/") && strings.HasSuffix(rel, "/index.md"):
			exercises = append(exercises, rel)
		case strings.HasSuffix(rel, "_index.md"), strings.HasSuffix(rel, "/index.md"), linked[rel]:
		default:
			guides = append(guides, rel)
		}
	}
	if len(guides) == 0 {
		return nil, nil, errors.New("the corpus has no guides to edit")
	}
	return guides, exercises, err
}

var mdLink = regexp.MustCompile(`\]\(([^)#?]+\.md)`)
