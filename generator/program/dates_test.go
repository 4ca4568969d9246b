package program

import (
	"testing"
	"time"
)

func TestDatesMatchTimeFormat(t *testing.T) {
	days := []time.Time{
		time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC),
		time.Date(1, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(999, 6, 9, 0, 0, 0, 0, time.UTC),
		time.Date(-44, 3, 15, 0, 0, 0, 0, time.UTC),
		time.Date(10000, 2, 29, 0, 0, 0, 0, time.UTC),
	}
	for d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2026; d = d.AddDate(0, 0, 1) {
		days = append(days, d)
	}
	for _, d := range days {
		for _, c := range []struct{ got, layout string }{
			{dateISO(d), time.DateOnly},
			{dateShort(d, false), "Mon 2 Jan"},
			{dateShort(d, true), "Mon 2 Jan 2006"},
			{dateLong(d, false), "Monday 2 January"},
			{dateLong(d, true), "Monday 2 January 2006"},
		} {
			if want := d.Format(c.layout); c.got != want {
				t.Errorf("%v as %q: got %q, want %q", d, c.layout, c.got, want)
			}
		}
	}
}
