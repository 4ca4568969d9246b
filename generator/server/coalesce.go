package server

import (
	"context"
	"sort"
	"time"
)

// maxBurst bounds how long a stream of changes that never pauses can hold
// a rebuild back.
const maxBurst = time.Second

// coalesce collects changed paths from in and calls flush with each burst,
// sorted and without duplicates, once no new path arrived for quiet. An
// editor's save is often several events (write, rename, chmod); they
// rebuild once. It returns when ctx is done or in is closed.
//
// flush may return a confirm function: its build failed, possibly on a
// file an editor was still writing. confirm is called once the files
// stay unchanged for another quiet window; a change before that drops
// it, and the next flush builds again.
func coalesce(ctx context.Context, in <-chan string, quiet time.Duration, flush func([]string) (confirm func())) {
	pending := map[string]bool{}
	timer := time.NewTimer(quiet)
	timer.Stop()
	defer timer.Stop()
	var (
		fire       <-chan time.Time
		burstStart time.Time
		confirm    func()
	)
	for {
		select {
		case <-ctx.Done():
			return
		case p, ok := <-in:
			if !ok {
				return
			}
			confirm = nil // the failed build's files are changing still
			if len(pending) == 0 {
				burstStart = time.Now()
			}
			pending[p] = true
			if fire == nil || time.Since(burstStart) < maxBurst {
				timer.Reset(quiet)
				fire = timer.C
			}
		case <-fire:
			fire = nil
			if len(pending) == 0 {
				if confirm != nil {
					confirm()
					confirm = nil
				}
				continue
			}
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			clear(pending)
			if confirm = flush(paths); confirm != nil {
				timer.Reset(quiet)
				fire = timer.C
			}
		}
	}
}
