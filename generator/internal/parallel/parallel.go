// Package parallel runs independent pieces of work on a bounded number of
// goroutines: the one worker pool of a build (loading pages, rendering,
// removing old output).
package parallel

import (
	"errors"
	"runtime"
	"sync"
)

// Workers is the default number of goroutines: one per core.
func Workers() int { return runtime.GOMAXPROCS(0) }

// For calls fn(i) for every i in [0, n) on at most workers goroutines (one
// per core when workers <= 0) and returns when all calls have returned.
// The calls may run in any order; whatever fn writes, it writes to a slot
// of its own, so results can be read back in index order.
func For(n, workers int, fn func(i int)) {
	if workers <= 0 {
		workers = Workers()
	}
	workers = min(workers, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Errors runs fn like For and returns every error, in index order, so
// what a run reports does not depend on scheduling.
func Errors(n, workers int, fn func(i int) error) error {
	errs := make([]error, n)
	For(n, workers, func(i int) { errs[i] = fn(i) })
	return errors.Join(errs...)
}
