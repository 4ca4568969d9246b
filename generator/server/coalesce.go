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
func coalesce(ctx context.Context, in <-chan string, quiet time.Duration, flush func([]string)) {
	pending := map[string]bool{}
	timer := time.NewTimer(quiet)
	timer.Stop()
	defer timer.Stop()
	var (
		fire       <-chan time.Time
		burstStart time.Time
	)
	for {
		select {
		case <-ctx.Done():
			return
		case p, ok := <-in:
			if !ok {
				return
			}
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
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			clear(pending)
			flush(paths)
		}
	}
}
