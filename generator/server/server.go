// Package server is `stance serve`: it builds a site into memory, serves
// it over HTTP, watches the site's files and, on every change, rebuilds
// what the change touches and tells open browsers to reload.
package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/site"
	"github.com/stance-ssg/stance/generator/term"
)

// Options say what to serve and where.
type Options struct {
	Source string // the site folder (holds site.toml); default "."
	Bind   string // interface to listen on; default 127.0.0.1
	Port   int    // default 1313; 0 picks a free port
	Drafts bool   // include pages with draft = true
	// Quiet is how long the files must stay unchanged before a rebuild
	// starts, so one save (often several events) rebuilds once. Default
	// 20ms: editors emit a save's events within a few milliseconds, and the
	// window is added to every reload, which should land well under 50ms.
	Quiet time.Duration
	// Log receives the address, build summaries and build errors.
	Log io.Writer
	// Ready, if set, is called with the site's URL once it is served.
	Ready func(url string)
	// BuilderSource is the Go source of the program builder's module
	// (site.Options.BuilderSource); nil serves the site without it.
	BuilderSource fs.FS
}

// DefaultPort is where `stance serve` listens unless told otherwise.
const DefaultPort = 1313

const defaultQuiet = 20 * time.Millisecond

// eventsPath is the Server-Sent Events stream the live reload script
// listens to. No content path can start with two underscores and be
// mistaken for it in practice.
const eventsPath = "/__stance/events"

// liveScript reloads the page when the server says the site changed. It
// is injected into served pages only; `stance build` never writes it.
const liveScript = template.HTML(`<script>(function(){var s=new EventSource("` + eventsPath +
	`");s.addEventListener("reload",function(){location.reload()});})();</script>`)

// Run serves the site until ctx is cancelled, then shuts down: it stops
// watching, ends the open event streams and waits for every goroutine it
// started. A build error does not stop the server; the browser shows it.
func Run(ctx context.Context, fsys afero.Fs, opts Options) error {
	return run(ctx, fsys, opts, func(source string) (watcher, error) {
		return watchSite(fsys, source, opts.Log)
	})
}

// watcher reports changed paths below the site folder.
type watcher interface {
	Events() <-chan string
	Close() error
}

func run(ctx context.Context, fsys afero.Fs, opts Options, watch func(source string) (watcher, error)) error {
	opts = withDefaults(opts)
	if _, err := fsys.Stat(filepath.Join(opts.Source, "site.toml")); err != nil {
		return fmt.Errorf("%s is not a Stance site (no site.toml): run stance serve in a site folder or pass --source: %w", opts.Source, err)
	}
	ln, err := listen(opts.Bind, opts.Port)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	// Watch before the first build, so a save during it is not missed.
	w, err := watch(opts.Source)
	if err != nil {
		ln.Close()
		return fmt.Errorf("watching %s: %w", opts.Source, err)
	}
	s := &server{
		live:    site.NewLive(fsys, site.Options{Source: opts.Source, Drafts: opts.Drafts, BaseURL: url, LiveReload: liveScript, BuilderSource: opts.BuilderSource}),
		hub:     newHub(),
		hosts:   hostPolicy{bind: opts.Bind},
		log:     opts.Log,
		release: newReleaser(),
	}
	ch, err := s.live.Build()
	s.release.rebuilt()
	s.report(ch, err, nil)
	fmt.Fprintf(opts.Log, "Serving %s at %s (Ctrl-C to stop)\n", opts.Source, url)
	// The search page needs a Pagefind index, which is made from a build
	// on disk; serve's output is in memory, so the page says how instead.
	fmt.Fprintf(opts.Log, "Search (%ssearch/) needs an index serve cannot make: stance build, then npx -y pagefind@1.6.0 --site public, and serve public/\n", url)
	if opts.Ready != nil {
		opts.Ready(url)
	}
	return s.serve(ctx, ln, w, opts.Quiet)
}

func withDefaults(opts Options) Options {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Quiet <= 0 {
		opts.Quiet = defaultQuiet
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	return opts
}

// server is one running `stance serve`.
type server struct {
	live    *site.Live
	hub     *hub
	hosts   hostPolicy
	log     io.Writer
	release *releaser // nil: memory is left to the runtime
}

// serve runs the HTTP server and the rebuild loop until ctx is done or
// the HTTP server fails.
func (s *server) serve(ctx context.Context, ln net.Listener, w watcher, quiet time.Duration) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := &http.Server{Handler: &handler{live: s.live, hub: s.hub, hosts: s.hosts}, ReadHeaderTimeout: 10 * time.Second}
	var wg sync.WaitGroup
	serveErr := make(chan error, 1)
	wg.Add(2)
	go func() {
		defer wg.Done()
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			serveErr <- err
			cancel()
		}
	}()
	go func() {
		defer wg.Done()
		coalesce(ctx, w.Events(), quiet, s.rebuild)
	}()
	<-ctx.Done()

	// Event streams never end on their own: close them first, or Shutdown
	// would wait for them forever.
	s.hub.close()
	shutdownCtx, stop := context.WithTimeout(context.Background(), 3*time.Second)
	defer stop()
	err := srv.Shutdown(shutdownCtx)
	err = errors.Join(err, w.Close())
	wg.Wait()
	if s.release != nil {
		s.release.stop() // after the last rebuild, which may have started it
	}
	select {
	case e := <-serveErr:
		return fmt.Errorf("serving: %w", e)
	default:
	}
	return err
}

// rebuild brings the site up to date after a burst of changes and tells
// the browsers. A failed build is not shown at once: an editor that saves
// in place may still be writing the file the build read. rebuild returns
// the function that shows it, for coalesce to call if the files then stay
// unchanged for another quiet window; meanwhile pages are the last good
// build's.
func (s *server) rebuild(paths []string) (confirm func()) {
	ch, err := s.live.Try(paths)
	if s.release != nil && (err != nil || !ch.Empty()) {
		s.release.rebuilt()
	}
	if err != nil {
		return func() {
			s.live.Fail(err)
			s.report(nil, err, paths)
			s.hub.broadcast("reload")
		}
	}
	if ch.Empty() {
		return nil
	}
	s.report(ch, nil, paths)
	s.hub.broadcast("reload")
	return nil
}

// report logs a build: when, what changed, and what it did or what failed.
// File names and messages come from the site: they are escaped for the
// terminal.
func (s *server) report(ch *site.Change, err error, paths []string) {
	prefix := time.Now().Format("15:04:05")
	if len(paths) > 0 {
		prefix += " " + term.Escape(describe(paths))
	}
	if err != nil {
		fmt.Fprintf(s.log, "%s: build failed; the browser shows the errors until the next good save:\n  %s\n",
			prefix, strings.ReplaceAll(strings.TrimSpace(term.Escape(err.Error())), "\n", "\n  "))
		return
	}
	fmt.Fprintf(s.log, "%s: %s\n", prefix, ch)
	for _, n := range ch.Notes {
		fmt.Fprintf(s.log, "  note: %s\n", term.Escape(n))
	}
}

// describe names up to three changed files.
func describe(paths []string) string {
	const most = 3
	if len(paths) <= most {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:most], ", "), len(paths)-most)
}

// listen opens the port, explaining a busy one and suggesting a free one.
func listen(bind string, port int) (net.Listener, error) {
	addr := net.JoinHostPort(bind, strconv.Itoa(port))
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		msg := fmt.Sprintf("port %d on %s is already in use (is another stance serve running?)", port, bind)
		if free := freePortAfter(bind, port); free != 0 {
			msg += fmt.Sprintf(": stop it, or pick another port with --port %d", free)
		}
		return nil, errors.New(msg)
	}
	return nil, fmt.Errorf("listening on %s: %w", addr, err)
}

// freePortAfter finds a port that can be listened on just above port, or 0.
func freePortAfter(bind string, port int) int {
	for p := port + 1; p <= port+20 && p < 65536; p++ {
		if ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p))); err == nil {
			ln.Close()
			return p
		}
	}
	return 0
}
