package server

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/site"
)

// savingSite is a live server's rebuild loop on a memory file system,
// in a synctest bubble: time moves only when every goroutine waits, so
// "the editor writes the rest 5 ms later" happens exactly then.
type savingSite struct {
	fs      afero.Fs
	h       *handler
	live    *site.Live
	events  chan string
	reloads <-chan string
	release *releaser
	log     *bytes.Buffer
	stop    context.CancelFunc
}

const saveQuiet = 20 * time.Millisecond

func startSaving(t *testing.T) *savingSite {
	t.Helper()
	fs := afero.NewMemMapFs()
	writeSite(t, fs, "/site", smallSite)
	live := site.NewLive(fs, site.Options{Source: "/site", BaseURL: "http://127.0.0.1:1313/", LiveReload: liveScript})
	if _, err := live.Build(); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	s := &server{live: live, hub: newHub(), log: &log, release: newReleaser()}
	reloads, _ := s.hub.subscribe()
	ctx, cancel := context.WithCancel(context.Background())
	ss := &savingSite{fs: fs, h: &handler{live: live, hub: s.hub}, live: live, events: make(chan string),
		reloads: reloads, release: s.release, log: &log, stop: cancel}
	go coalesce(ctx, ss.events, saveQuiet, s.rebuild)
	return ss
}

// save writes the page and reports it, as the watcher does.
func (ss *savingSite) save(t *testing.T, text string) {
	t.Helper()
	writeSite(t, ss.fs, "/site", map[string]string{"content/safety.md": text})
	ss.events <- "/site/content/safety.md"
}

// after lets d pass and every goroutine settle.
func after(d time.Duration) {
	time.Sleep(d)
	synctest.Wait()
}

// page fetches /safety/ through the handler, as a browser would.
func (ss *savingSite) page(t *testing.T) (int, string) {
	t.Helper()
	w := get(ss.h, http.MethodGet, "/safety/")
	return w.Code, w.Body.String()
}

func (ss *savingSite) reloaded() bool {
	select {
	case <-ss.reloads:
		return true
	default:
		return false
	}
}

// TestHalfWrittenSaveIsNotShown: an editor that writes a file in place
// pauses after the first half, long enough for a build to read it. That
// build fails, but a save still under way must not flash the error page:
// the browser keeps the last good page, and the complete file builds.
func TestHalfWrittenSaveIsNotShown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ss := startSaving(t)
		defer ss.stop()
		full := page(`title = "Safety"`, "Stop on sharp pain. Saved in place.\n")

		ss.save(t, full[:6]) // "+++\nti": the front matter is not closed
		after(saveQuiet + time.Millisecond)
		if ss.live.Err() != nil {
			t.Fatalf("the failed build of a half-written file is shown at once: %v", ss.live.Err())
		}
		if code, body := ss.page(t); code != 200 || !strings.Contains(body, "Stop on sharp pain.") {
			t.Errorf("while the save is under way: %d %.200s", code, body)
		}
		if ss.reloaded() {
			t.Error("browsers were told to reload to an error")
		}

		after(saveQuiet / 2) // the editor writes the rest, within the window
		ss.save(t, full)
		after(saveQuiet + time.Millisecond)
		if code, body := ss.page(t); code != 200 || !strings.Contains(body, "Saved in place.") {
			t.Errorf("after the save: %d %.200s", code, body)
		}
		if !ss.reloaded() {
			t.Error("no reload after the save")
		}
		after(10 * saveQuiet)
		if err := ss.live.Err(); err != nil || strings.Contains(ss.log.String(), "build failed") {
			t.Errorf("a completed save reported a failure: %v\n%s", err, ss.log)
		}
	})
}

// TestBrokenSaveIsShownAfterTheWindow: a save that really breaks the page
// is shown once the file has stayed as it is for one more quiet window.
func TestBrokenSaveIsShownAfterTheWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ss := startSaving(t)
		defer ss.stop()

		ss.save(t, "no front matter\n")
		after(saveQuiet + time.Millisecond)
		if code, _ := ss.page(t); code != 200 {
			t.Errorf("status %d one window after the save; want the last good page", code)
		}
		after(saveQuiet)
		code, body := ss.page(t)
		if code != http.StatusInternalServerError || !strings.Contains(body, "content/safety.md, line 1") {
			t.Errorf("after a second quiet window: %d %.300s", code, body)
		}
		if reloaded := ss.reloaded(); !reloaded || !strings.Contains(ss.log.String(), "build failed") {
			t.Errorf("the failure was not reported: reload sent %v, log %q", reloaded, ss.log)
		}

		// The next good save brings the page back at once.
		ss.save(t, page(`title = "Safety"`, "Fixed.\n"))
		after(saveQuiet + time.Millisecond)
		if code, body := ss.page(t); code != 200 || !strings.Contains(body, "Fixed.") {
			t.Errorf("after the fix: %d %.200s", code, body)
		}
	})
}

// TestMemoryIsReleasedOnceTheEditsStop: rebuilds leave garbage behind;
// serve gives it back to the system one idle second after the last
// rebuild of a burst, never while edits keep coming.
func TestMemoryIsReleasedOnceTheEditsStop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ss := startSaving(t)
		defer ss.stop()
		var calls atomic.Int32
		ss.release.free = func() { calls.Add(1) }
		released := func() int32 { return calls.Load() }
		for i := range 5 {
			ss.save(t, page(`title = "Safety"`, fmt.Sprintf("Edit %d.\n", i)))
			after(releaseIdle / 2)
		}
		if n := released(); n != 0 {
			t.Fatalf("released %d times while the edits kept coming", n)
		}
		after(releaseIdle)
		if n := released(); n != 1 {
			t.Fatalf("released %d times one idle second after the last edit; want 1", n)
		}
		after(10 * releaseIdle)
		if n := released(); n != 1 {
			t.Fatalf("released %d times with nothing to release; want 1", n)
		}
	})
}
