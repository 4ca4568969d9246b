package planner

import "strconv"

// Clock is a time of day to the minute: when a run is, or a session. The
// zero Clock is unset (the profile gave no time). Profiles write "HH:MM";
// ParseClock is the one place that reads it, and String the one place
// that writes it, for the page and the calendar alike.
type Clock struct {
	m int // minutes after midnight, plus one, so that 0 is unset
}

// ClockAt is the clock at minutes after midnight (0 to 1439).
func ClockAt(minutes int) Clock { return Clock{m: minutes + 1} }

// ParseClock reads a 24-hour "HH:MM".
func ParseClock(s string) (Clock, bool) {
	if len(s) != 5 || s[2] != ':' {
		return Clock{}, false
	}
	h, m := 0, 0
	for i, c := range []byte(s) {
		if i == 2 {
			continue
		}
		if c < '0' || c > '9' {
			return Clock{}, false
		}
		if i < 2 {
			h = h*10 + int(c-'0')
		} else {
			m = m*10 + int(c-'0')
		}
	}
	if h > 23 || m > 59 {
		return Clock{}, false
	}
	return ClockAt(h*60 + m), true
}

// IsSet reports whether the clock holds a time.
func (c Clock) IsSet() bool { return c.m > 0 }

// Minutes is the time as minutes after midnight.
func (c Clock) Minutes() int { return c.m - 1 }

// Hour and Minute split the time.
func (c Clock) Hour() int   { return c.Minutes() / 60 }
func (c Clock) Minute() int { return c.Minutes() % 60 }

// String is "HH:MM", or "" when unset.
func (c Clock) String() string {
	if !c.IsSet() {
		return ""
	}
	b := make([]byte, 0, 5)
	if c.Hour() < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(c.Hour()), 10)
	b = append(b, ':')
	if c.Minute() < 10 {
		b = append(b, '0')
	}
	return string(strconv.AppendInt(b, int64(c.Minute()), 10))
}
