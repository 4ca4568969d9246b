package planner

import (
	"testing"
	"time"
)

// TestParseClockMatchesTimeParse holds ParseClock to time.Parse("15:04")
// for the two-digit form profiles use, and String to the same layout.
func TestParseClockMatchesTimeParse(t *testing.T) {
	for _, s := range []string{"", "07:00", "7:00", "23:59", "24:00", "12:60", "00:00", "0:05", "07:0", "007:00", "07:000", "a7:00", "07-00", ":00", "07:", " 7:00", "9:5x", "19:30"} {
		c, ok := ParseClock(s)
		tm, err := time.Parse("15:04", s)
		want := err == nil && len(s) == 5
		if ok != want || ok && (c.Hour() != tm.Hour() || c.Minute() != tm.Minute() || c.String() != tm.Format("15:04")) {
			t.Errorf("ParseClock(%q) = %v %v; time.Parse gives %v, %v", s, c, ok, tm.Format("15:04"), err)
		}
	}
	if (Clock{}).IsSet() || (Clock{}).String() != "" || !ClockAt(0).IsSet() || ClockAt(0).String() != "00:00" {
		t.Error("the zero Clock must be unset and midnight set")
	}
}
