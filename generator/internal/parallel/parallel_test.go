package parallel

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestForCallsEveryIndexOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 100} {
		seen := make([]atomic.Int32, 50)
		var running, most atomic.Int32
		For(len(seen), workers, func(i int) {
			now := running.Add(1)
			for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
			}
			seen[i].Add(1)
			running.Add(-1)
		})
		for i := range seen {
			if n := seen[i].Load(); n != 1 {
				t.Fatalf("workers %d: index %d ran %d times", workers, i, n)
			}
		}
		if limit := int32(workers); workers > 0 && most.Load() > limit {
			t.Errorf("workers %d: %d ran at once", workers, most.Load())
		}
	}
	For(0, 4, func(int) { t.Error("fn called for n = 0") })
}

func TestErrorsInIndexOrder(t *testing.T) {
	err := Errors(6, 3, func(i int) error {
		if i%2 == 1 {
			return fmt.Errorf("job %d", i)
		}
		return nil
	})
	if err == nil || err.Error() != "job 1\njob 3\njob 5" {
		t.Errorf("got %v", err)
	}
	if Errors(4, 2, func(int) error { return nil }) != nil {
		t.Error("no errors, yet an error")
	}
	if !errors.Is(Errors(1, 1, func(int) error { return errors.ErrUnsupported }), errors.ErrUnsupported) {
		t.Error("errors are not wrapped")
	}
}
