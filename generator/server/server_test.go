package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/bench/corpusgen"
	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/site"
)

func page(front, body string) string { return "+++\n" + front + "\n+++\n" + body }

var smallSite = map[string]string{
	"site.toml":                "title = \"Knee Lab\"\nbase_url = \"https://example.org/\"\n",
	"content/_index.md":        page(`title = "Strong knees"`, "Welcome.\n"),
	"content/safety.md":        page(`title = "Safety"`, "Stop on sharp pain.\n"),
	"content/hips/_index.md":   page(`title = "Hips"`, "The hip section.\n"),
	"content/hips/valgus.md":   page(`title = "Valgus"`, "Knees cave in.\n"),
	"static/files/notes.txt":   "plain text",
	"static/files/data.bin":    "\x00\x01\x02",
	"static/files/image.svg":   "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
	"static/files/unknown.zzz": "%PDF-1.4 hello",
}

func writeSite(t testing.TB, fs afero.Fs, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		name = filepath.Join(dir, name)
		if err := fs.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := afero.WriteFile(fs, name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCoalesce(t *testing.T) {
	const quiet = 30 * time.Millisecond
	tests := []struct {
		name   string
		bursts [][]string // sent with no pause inside a burst, a long pause between bursts
		want   [][]string
	}{
		{"one save, many events", [][]string{{"a.md", "a.md~", "a.md", "a.md"}}, [][]string{{"a.md", "a.md~"}}},
		{"two files saved together", [][]string{{"b.md", "a.md"}}, [][]string{{"a.md", "b.md"}}},
		{"two saves apart", [][]string{{"a.md"}, {"b.md", "a.md"}}, [][]string{{"a.md"}, {"a.md", "b.md"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			in := make(chan string)
			flushed := make(chan []string, 10)
			done := make(chan struct{})
			go func() {
				coalesce(ctx, in, quiet, func(p []string) func() { flushed <- p; return nil })
				close(done)
			}()
			var got [][]string
			for _, burst := range tt.bursts {
				for _, p := range burst {
					in <- p
				}
				select {
				case b := <-flushed:
					got = append(got, b)
				case <-time.After(2 * time.Second):
					t.Fatal("no flush after a burst")
				}
			}
			cancel()
			<-done
			if len(flushed) > 0 {
				t.Errorf("extra flush %q", <-flushed)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("flushed %q; want %q", got, tt.want)
			}
		})
	}
}

func TestCoalesceWaitsForQuiet(t *testing.T) {
	// In a synctest bubble the clock moves only when every goroutine
	// waits, so the 20 ms gaps and the 50 ms window are exact.
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		in := make(chan string)
		var (
			mu      sync.Mutex
			flushes [][]string
		)
		flushed := func() [][]string { mu.Lock(); defer mu.Unlock(); return slices.Clone(flushes) }
		go coalesce(ctx, in, 50*time.Millisecond, func(p []string) func() {
			mu.Lock()
			defer mu.Unlock()
			flushes = append(flushes, p)
			return nil
		})
		// Events 20 ms apart keep the 50 ms window open: one flush at the end.
		for i := 0; i < 5; i++ {
			in <- "f" + strconv.Itoa(i)
			time.Sleep(20 * time.Millisecond)
		}
		synctest.Wait()
		if got := flushed(); len(got) != 0 {
			t.Fatalf("flushed %q while events still came", got)
		}
		time.Sleep(50 * time.Millisecond)
		synctest.Wait()
		if got := flushed(); len(got) != 1 || len(got[0]) != 5 {
			t.Errorf("flushes %q; want all five paths in one burst", got)
		}
	})
}

func TestOutputPathRefusesTraversal(t *testing.T) {
	tests := []struct {
		target string
		want   string // "" means refused
	}{
		{"/", "/index.html"},
		{"/safety/", "/safety/index.html"},
		{"/theme/style.css", "/theme/style.css"},
		{"/a//b/./c.css", "/a/b/c.css"},
		{"/../site.toml", ""},
		{"/hips/../../site.toml", ""},
		{"/%2e%2e/site.toml", ""},
		{"/%2E%2E/%2e%2e/etc/passwd", ""},
		{"/hips/%2e%2e%2f%2e%2e%2fsite.toml", ""},
		{"/..%2fsite.toml", ""},
		{"/safety%00.html", ""},
		{"/..%5csite.toml", ""},
		{"/%5c%5cserver/share", ""},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "http://localhost"+tt.target, nil)
			got, ok := outputPath(r)
			if !ok {
				got = ""
			}
			if got != tt.want {
				t.Errorf("outputPath(%q) = %q, %v; want %q", tt.target, got, ok, tt.want)
			}
		})
	}
}

// newHandler serves a live build of files on a memory file system.
func newHandler(t *testing.T, files map[string]string) (*handler, afero.Fs, *site.Live) {
	t.Helper()
	fs := afero.NewMemMapFs()
	writeSite(t, fs, "/site", files)
	// A file beside the output that must never be served.
	writeSite(t, fs, "/", map[string]string{"secret.txt": "secret"})
	live := site.NewLive(fs, site.Options{Source: "/site", BaseURL: "http://127.0.0.1:1313/", LiveReload: liveScript})
	if _, err := live.Build(); err != nil {
		t.Fatal(err)
	}
	return &handler{live: live, hub: newHub()}, fs, live
}

func get(h http.Handler, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, "http://127.0.0.1:1313"+target, nil))
	return w
}

func TestHandlerServesOnlyTheOutput(t *testing.T) {
	h, _, _ := newHandler(t, smallSite)
	tests := []struct {
		method, target string
		status         int
		ctype          string
		body           string // a part of the body
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "Welcome."},
		{"GET", "/safety/", 200, "text/html; charset=utf-8", "Stop on sharp pain."},
		{"GET", "/safety/", 200, "text/html; charset=utf-8", eventsPath},
		{"GET", "/safety/index.html", 200, "text/html; charset=utf-8", "Stop on sharp pain."},
		{"HEAD", "/safety/", 200, "text/html; charset=utf-8", ""},
		{"GET", "/safety", 302, "", "/safety/"},
		{"GET", "/theme/style.css", 200, "text/css; charset=utf-8", ""},
		{"GET", "/sitemap.xml", 200, "text/xml; charset=utf-8", "<urlset"},
		{"GET", "/files/notes.txt", 200, "text/plain; charset=utf-8", "plain text"},
		{"GET", "/files/image.svg", 200, "image/svg+xml", "<svg"},
		{"GET", "/files/unknown.zzz", 200, "application/pdf", ""},
		{"GET", "/missing/", 404, "text/html; charset=utf-8", "Page not found"},
		{"GET", "/theme/", 404, "text/html; charset=utf-8", "Page not found"}, // no listings
		{"GET", "/theme", 404, "text/html; charset=utf-8", "Page not found"},
		{"GET", "/../secret.txt", 400, "", "bad request path"},
		{"GET", "/%2e%2e/secret.txt", 400, "", "bad request path"},
		{"GET", "/files%00/notes.txt", 400, "", "bad request path"},
		{"POST", "/", 405, "", "method not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			w := get(h, tt.method, tt.target)
			if w.Code != tt.status {
				t.Errorf("status %d; want %d", w.Code, tt.status)
			}
			if tt.ctype != "" && w.Header().Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type %q; want %q", w.Header().Get("Content-Type"), tt.ctype)
			}
			if !strings.Contains(w.Body.String(), tt.body) {
				t.Errorf("body lacks %q:\n%.300s", tt.body, w.Body.String())
			}
			if strings.Contains(w.Body.String(), "secret") {
				t.Error("served a file outside the output")
			}
		})
	}
}

func TestErrorOverlay(t *testing.T) {
	h, fs, live := newHandler(t, smallSite)
	bad := "+++\ntitle = \"Valgus\"\nslug = \"<script>alert(1)</script>\"\n+++\nBody\n"
	writeSite(t, fs, "/site", map[string]string{"content/hips/valgus.md": bad})
	if _, err := live.Update([]string{"/site/content/hips/valgus.md"}); err == nil {
		t.Fatal("a bad slug built")
	}

	w := get(h, "GET", "/safety/")
	body := w.Body.String()
	if w.Code != http.StatusInternalServerError {
		t.Errorf("status %d; want 500 while the build is broken", w.Code)
	}
	for _, want := range []string{
		`<div class="place">/site/content/hips/valgus.md, line 3</div>`,
		"&lt;script&gt;alert(1)&lt;/script&gt;", // the message, escaped
		eventsPath,                              // it reloads itself
	} {
		if !strings.Contains(body, want) {
			t.Errorf("overlay lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>alert(1)") {
		t.Error("the error message is not escaped")
	}
	if w := get(h, "GET", "/theme/style.css"); w.Code != 200 {
		t.Errorf("stylesheet status %d during a broken build; want the last good one", w.Code)
	}

	// The next good save brings the site back.
	writeSite(t, fs, "/site", map[string]string{"content/hips/valgus.md": page(`title = "Valgus"`, "Fixed.\n")})
	if _, err := live.Update([]string{"/site/content/hips/valgus.md"}); err != nil {
		t.Fatal(err)
	}
	if w := get(h, "GET", "/hips/valgus/"); w.Code != 200 || !strings.Contains(w.Body.String(), "Fixed.") {
		t.Errorf("after the fix: status %d, body %.200s", w.Code, w.Body.String())
	}
}

func TestProblemsFindFileAndLine(t *testing.T) {
	// A build's error as the site package makes it: positioned problems,
	// joined, with a wrapped I/O failure that has no position.
	err := errors.Join(
		diag.List{{File: "content/a.md", Line: 3, Column: 9, Key: "title", Msg: "missing"}},
		&diag.Error{File: "templates/page.html", Line: 5, Column: 2, Msg: "rendering x/index.html: executing"},
		fmt.Errorf("writing: %w", fs.ErrPermission),
	)
	want := []problem{
		{File: "content/a.md", Line: "3", Message: "content/a.md:3:9: title: missing"},
		{File: "templates/page.html", Line: "5", Message: "templates/page.html:5:2: rendering x/index.html: executing"},
		{Message: "writing: permission denied"},
	}
	if got := problems(err); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n got %+v\nwant %+v", got, want)
	}
	// A real build error: a template that fails carries its file and line.
	mem := afero.NewMemMapFs()
	writeSite(t, mem, "/site", smallSite)
	writeSite(t, mem, "/site", map[string]string{"templates/page.html": "{{template \"base\" .}}\n{{define \"main\"}}{{.Page.Nope}}{{end}}\n"})
	_, buildErr := site.NewLive(mem, site.Options{Source: "/site"}).Build()
	got := problems(buildErr)
	if len(got) == 0 || !strings.HasSuffix(got[0].File, "templates/page.html") || got[0].Line != "2" {
		t.Errorf("template failure: %+v", got)
	}
}

// fakeWatcher lets a test report changes without a real file system.
type fakeWatcher struct{ ch chan string }

func (f *fakeWatcher) Events() <-chan string { return f.ch }
func (f *fakeWatcher) Close() error          { return nil }

// started is a server running in the background on a free port.
type started struct {
	url    string
	cancel context.CancelFunc
	done   chan error
}

func start(t testing.TB, fs afero.Fs, opts Options, w watcher) *started {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	opts.Ready = func(url string) { ready <- url }
	s := &started{cancel: cancel, done: make(chan error, 1)}
	go func() {
		s.done <- run(ctx, fs, opts, func(string) (watcher, error) { return w, nil })
	}()
	select {
	case s.url = <-ready:
	case err := <-s.done:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
	}
	return s
}

func (s *started) stop(t testing.TB) {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("Run returned %v after cancel", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server did not stop after cancel")
	}
}

// events subscribes to the reload stream and delivers its event lines.
func events(t testing.TB, url string) (<-chan string, func()) {
	t.Helper()
	resp, err := http.Get(url + strings.TrimPrefix(eventsPath, "/"))
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream Content-Type %q", ct)
	}
	lines := make(chan string, 16)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "event:") {
				lines <- sc.Text()
			}
		}
	}()
	return lines, func() { resp.Body.Close() }
}

func waitEvent(t testing.TB, lines <-chan string) {
	t.Helper()
	select {
	case l, ok := <-lines:
		if !ok || l != "event: reload" {
			t.Fatalf("event %q, open %v; want a reload", l, ok)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no reload event")
	}
}

func fetch(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// settleGoroutines waits for the goroutine count to fall back to base: a
// hand-made leak check.
func settleGoroutines(t *testing.T, base int) {
	t.Helper()
	http.DefaultClient.CloseIdleConnections()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines after shutdown, %d before:\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestRunReloadsAndShutsDownCleanly(t *testing.T) {
	base := runtime.NumGoroutine()
	fs := afero.NewMemMapFs()
	writeSite(t, fs, "/site", smallSite)
	w := &fakeWatcher{ch: make(chan string)}
	s := start(t, fs, Options{Source: "/site", Port: 0, Quiet: 5 * time.Millisecond}, w)

	lines, closeStream := events(t, s.url)
	writeSite(t, fs, "/site", map[string]string{"content/safety.md": page(`title = "Safety"`, "Edited live.\n")})
	w.ch <- "/site/content/safety.md"
	waitEvent(t, lines)
	if code, body := fetch(t, s.url+"safety/"); code != 200 || !strings.Contains(body, "Edited live.") {
		t.Errorf("after the edit: %d %.200s", code, body)
	}

	// A broken save reloads too, into the overlay, and the server stays up.
	writeSite(t, fs, "/site", map[string]string{"content/safety.md": "no front matter\n"})
	w.ch <- "/site/content/safety.md"
	waitEvent(t, lines)
	if code, body := fetch(t, s.url+"safety/"); code != 500 || !strings.Contains(body, "content/safety.md, line 1") {
		t.Errorf("broken build: %d %.300s", code, body)
	}

	// The stream is still open at shutdown: cancelling must end it.
	s.stop(t)
	closeStream()
	settleGoroutines(t, base)
}

func TestRunWatchesRealFiles(t *testing.T) {
	base := runtime.NumGoroutine()
	dir := t.TempDir()
	fs := afero.NewOsFs()
	writeSite(t, fs, dir, smallSite)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, fs, Options{Source: dir, Port: 0, Quiet: 20 * time.Millisecond, Ready: func(u string) { ready <- u }})
	}()
	url := <-ready
	lines, closeStream := events(t, url)

	t.Run("editor saves by rename", func(t *testing.T) {
		target := filepath.Join(dir, "content/safety.md")
		tmp := filepath.Join(dir, "content/.safety.md.tmp")
		writeSite(t, fs, "/", map[string]string{tmp: page(`title = "Safety"`, "Saved by rename.\n")})
		if err := os.Rename(tmp, target); err != nil {
			t.Fatal(err)
		}
		waitEvent(t, lines)
		if _, body := fetch(t, url+"safety/"); !strings.Contains(body, "Saved by rename.") {
			t.Errorf("page not updated: %.300s", body)
		}
	})
	t.Run("new folder with a page", func(t *testing.T) {
		if err := os.MkdirAll(filepath.Join(dir, "content/knees/deep"), 0o755); err != nil {
			t.Fatal(err)
		}
		writeSite(t, fs, dir, map[string]string{"content/knees/deep/new.md": page(`title = "Deep"`, "New folder.\n")})
		deadline := time.Now().Add(10 * time.Second)
		for {
			waitEvent(t, lines)
			if code, _ := fetch(t, url+"knees/deep/new/"); code == 200 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("page in a new folder never served")
			}
		}
		// The new folder is watched: editing the page there rebuilds too.
		writeSite(t, fs, dir, map[string]string{"content/knees/deep/new.md": page(`title = "Deep"`, "Edited in the new folder.\n")})
		waitEvent(t, lines)
		if _, body := fetch(t, url+"knees/deep/new/"); !strings.Contains(body, "Edited in the new folder.") {
			t.Errorf("edit in a new folder not picked up: %.300s", body)
		}
	})

	start := time.Now()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("shutdown took %s", d)
	}
	closeStream()
	settleGoroutines(t, base)
}

func TestBusyPortIsExplained(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	fs := afero.NewMemMapFs()
	writeSite(t, fs, "/site", smallSite)
	err = Run(context.Background(), fs, Options{Source: "/site", Port: port})
	if err == nil || !strings.Contains(err.Error(), "already in use") || !strings.Contains(err.Error(), "--port") {
		t.Errorf("error = %v; want it to say the port is in use and suggest --port", err)
	}
}

func TestRunRefusesAFolderWithoutSite(t *testing.T) {
	err := Run(context.Background(), afero.NewMemMapFs(), Options{Source: "/nothing", Port: 0})
	if err == nil || !strings.Contains(err.Error(), "site.toml") {
		t.Errorf("error = %v; want it to mention site.toml", err)
	}
}

// TestReloadLatencyOn10000Pages edits one page of a generated 10,000-page
// site and measures the time from the save to the reload message on the
// event stream, as a browser sees it. The figure is logged, not asserted:
//
//	go test ./generator/server/ -run ReloadLatency -v
func TestReloadLatencyOn10000Pages(t *testing.T) {
	fs := afero.NewMemMapFs()
	c := corpusgen.New(corpusgen.Options{Pages: 10000, Seed: 1, DefaultTheme: true})
	if err := c.Write(fs, "/site"); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join("/site", c.PagePath(0))
	w := &fakeWatcher{ch: make(chan string)}
	const quiet = 5 * time.Millisecond
	s := start(t, fs, Options{Source: "/site", Port: 0, Quiet: quiet}, w)
	defer s.stop(t)
	lines, closeStream := events(t, s.url)
	defer closeStream()

	var took []time.Duration
	for i := 0; i < 15; i++ {
		src := c.Page(0, corpusgen.Edit{Body: "Edit number " + strconv.Itoa(i) + "."})
		begin := time.Now()
		if err := afero.WriteFile(fs, first, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		w.ch <- first
		waitEvent(t, lines)
		took = append(took, time.Since(begin))
	}
	if _, body := fetch(t, s.url+c.PageURL(0)); !strings.Contains(body, "Edit number 14.") {
		t.Errorf("edited page not served: %.300s", body)
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	t.Logf("save to reload message, one page of 10,000 (quiet window %s): median %s, min %s, max %s; without the window: median %s",
		quiet, took[len(took)/2], took[0], took[len(took)-1], took[len(took)/2]-quiet)
}
