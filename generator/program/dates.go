package program

import (
	"strconv"
	"time"
)

// Dates on the page are written by hand rather than with time.Format: a
// program prints about ten dates a week, and parsing the layout string
// for each showed up in profiles. dates_test.go checks every function
// against time.Format.

// dateISO is t.Format(time.DateOnly).
func dateISO(t time.Time) string {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.Format(time.DateOnly)
	}
	b := make([]byte, 0, 10)
	b = append2(append2(b, y/100), y%100)
	b = append2(append(b, '-'), int(m))
	b = append2(append(b, '-'), d)
	return string(b)
}

// dateShort is t.Format("Mon 2 Jan"), with " 2006" when withYear.
func dateShort(t time.Time, withYear bool) string {
	y, m, d := t.Date()
	b := make([]byte, 0, 16)
	b = append(b, t.Weekday().String()[:3]...)
	b = strconv.AppendInt(append(b, ' '), int64(d), 10)
	b = append(append(b, ' '), m.String()[:3]...)
	if withYear {
		b = appendYear(append(b, ' '), y)
	}
	return string(b)
}

// dateLong is t.Format("Monday 2 January"), with " 2006" when withYear.
func dateLong(t time.Time, withYear bool) string {
	y, m, d := t.Date()
	b := make([]byte, 0, 32)
	b = append(b, t.Weekday().String()...)
	b = strconv.AppendInt(append(b, ' '), int64(d), 10)
	b = append(append(b, ' '), m.String()...)
	if withYear {
		b = appendYear(append(b, ' '), y)
	}
	return string(b)
}

// appendYear writes the year as the "2006" layout element does: at least
// four digits, zero-padded, with a minus sign before the padding.
func appendYear(b []byte, y int) []byte {
	if y < 0 {
		b = append(b, '-')
		y = -y
	}
	for p := 1000; p > 1 && y < p; p /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(y), 10)
}

func append2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}
