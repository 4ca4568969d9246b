package server

import (
	"runtime/debug"
	"sync"
	"time"
)

// releaseIdle is how long serve waits after a rebuild before it hands the
// memory the rebuilds left behind back to the system.
const releaseIdle = time.Second

// releaser gives memory back once the site has stopped changing. Each
// rebuild leaves the model and pages it replaced as garbage; the Go
// runtime collects it only once the heap has grown by GOGC percent (150
// in the command) and returns freed pages slowly, so a long session would
// sit at more than twice the memory it needs.
// A forced collection costs a fraction of a second of CPU at 10,000
// pages: waiting for a quiet second puts it, nearly always, where the
// author reads rather than between a save and its reload.
type releaser struct {
	mu    sync.Mutex
	timer *time.Timer
	free  func() // debug.FreeOSMemory; tests count the calls
}

func newReleaser() *releaser { return &releaser{free: debug.FreeOSMemory} }

// rebuilt (re)starts the wait: a burst of edits releases once, after the
// last.
func (r *releaser) rebuilt() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.timer == nil {
		r.timer = time.AfterFunc(releaseIdle, r.free)
		return
	}
	r.timer.Reset(releaseIdle)
}

// stop cancels a pending release.
func (r *releaser) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.timer != nil {
		r.timer.Stop()
	}
}
