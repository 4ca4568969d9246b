package ics

import (
	"bytes"
	"flag"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/planner/plannertest"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func TestGolden(t *testing.T) {
	prog := plannertest.Program(t, "content/programs/alex-rivera.toml", plannertest.AlexTOML)
	var buf bytes.Buffer
	if err := Write(&buf, prog, Options{PageURL: "https://example.org/programs/alex-rivera/"}); err != nil {
		t.Fatal(err)
	}
	plannertest.Golden(t, filepath.Join("testdata", "alex-rivera.ics"), buf.Bytes(), *update)
	var again bytes.Buffer
	_ = Write(&again, prog, Options{PageURL: "https://example.org/programs/alex-rivera/"})
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("output is not deterministic")
	}
	checkContentLines(t, buf.String())
	for _, want := range []string{"UID:alex-rivera-20270104-w3-s1@stance.invalid", "DTSTAMP:20260101T000000Z", "DTSTART:20270104T070000", "PRODID:", "VERSION:2.0"} {
		if !strings.Contains(buf.String(), want+"\r\n") && !strings.Contains(buf.String(), want) {
			t.Errorf("missing %q", want)
		}
	}
}

// checkContentLines asserts RFC 5545 line rules on a whole calendar.
func checkContentLines(t *testing.T, cal string) {
	t.Helper()
	if !strings.HasSuffix(cal, "\r\n") {
		t.Error("calendar does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(cal, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, line)
		}
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"short", "SUMMARY:hello"},
		{"exactly 75", "X:" + strings.Repeat("a", 73)},
		{"76", "X:" + strings.Repeat("a", 74)},
		{"long ascii", "DESCRIPTION:" + strings.Repeat("abcdefghij", 30)},
		{"two-byte runes across the fold", "SUMMARY:" + strings.Repeat("é", 100)},
		{"four-byte runes", "SUMMARY:x" + strings.Repeat("🏃", 60)},
		{"three-byte runes", "SUMMARY:" + strings.Repeat("日本語", 40)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := fold(tt.in)
			checkContentLines(t, out)
			unfolded := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", "")
			if unfolded != tt.in {
				t.Errorf("unfolding does not give the input back:\n%q\n%q", unfolded, tt.in)
			}
		})
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`back\slash`, `back\\slash`},
		{"a;b,c", `a\;b\,c`},
		{"line1\nline2", `line1\nline2`},
		{"crlf\r\nend", `crlf\nend`},
		{"bell\x07tab\t", "belltab\t"},
		{`"<script>"`, `"<script>"`},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHostileAthleteName(t *testing.T) {
	src := strings.Replace(plannertest.AlexTOML, `athlete = "Alex Rivera"`,
		`athlete = "<script>alert(1)</script> \"Al\"; O'Neil, Jr.\nsecond line"`+"\nslug = \"alex\"", 1)
	prog := plannertest.Program(t, "alex.toml", src)
	var buf bytes.Buffer
	if err := Write(&buf, prog, Options{}); err != nil {
		t.Fatal(err)
	}
	cal := buf.String()
	checkContentLines(t, cal)
	unfolded := strings.ReplaceAll(cal, "\r\n ", "")
	want := `X-WR-CALNAME:Strength program: <script>alert(1)</script> "Al"\; O'Neil\, Jr.\nsecond line` + "\r\n"
	if !strings.Contains(unfolded, want) {
		t.Errorf("calendar name not escaped; want %q in\n%s", want, unfolded[:400])
	}
	if strings.Contains(unfolded, "second line\r\n") && !strings.Contains(unfolded, `\nsecond line`) {
		t.Error("raw newline in a property value")
	}
}

func TestUntimedSessionsAreAllDay(t *testing.T) {
	src := strings.Replace(plannertest.AlexTOML, "session_time = \"07:00\"\n", "", 1)
	prog := plannertest.Program(t, "alex.toml", src)
	var buf bytes.Buffer
	if err := Write(&buf, prog, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "DTSTART;VALUE=DATE:20270104\r\nDTEND;VALUE=DATE:20270105\r\n") {
		t.Errorf("want an all-day event on 2027-01-04:\n%s", buf.String()[:600])
	}
}

func TestFoldInvalidUTF8Terminates(t *testing.T) {
	out := fold("X:" + strings.Repeat("\x80", 200))
	if unfolded := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); unfolded != "X:"+strings.Repeat("\x80", 200) {
		t.Errorf("unfolding does not give the input back: %q", unfolded)
	}
}

// escapeTextReference is EscapeText as first written, one byte at a time.
func escapeTextReference(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == ';' || c == ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\r' && i+1 < len(s) && s[i+1] == '\n':
		case c == '\n' || c == '\r':
			b.WriteString(`\n`)
		case c < 0x20 && c != '\t' || c == 0x7f:
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func FuzzEscapeText(f *testing.F) {
	for _, s := range []string{"plain", "a;b,c\\d", "crlf\r\nend\r", "tab\tbell\x07del\x7f", "日本語, 🏃;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := escapeText(s), escapeTextReference(s); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestUIDsAreUniqueAndStable(t *testing.T) {
	prog := plannertest.Program(t, "alex.toml", plannertest.AlexTOML)
	later := plannertest.Program(t, "alex.toml", strings.Replace(plannertest.AlexTOML, "start = 2027-01-04", "start = 2027-06-07", 1))
	uids := func(p *planner.Program, domain string) []string {
		var buf bytes.Buffer
		if err := Write(&buf, p, Options{Domain: domain}); err != nil {
			t.Fatal(err)
		}
		return regexp.MustCompile(`(?m)^UID:(.*)\r$`).FindAllString(buf.String(), -1)
	}
	seen := map[string]bool{}
	for _, list := range [][]string{uids(prog, "coach-a.example"), uids(later, "coach-a.example"), uids(prog, "coach-b.example")} {
		for _, u := range list {
			if seen[u] {
				t.Errorf("UID %q is not unique across blocks and sites", u)
			}
			seen[u] = true
		}
	}
	if a, b := uids(prog, "coach-a.example"), uids(prog, "coach-a.example"); strings.Join(a, "") != strings.Join(b, "") {
		t.Error("UIDs change between two writes of the same plan")
	}
	if got := uids(prog, "coach-a.example")[0]; got != "UID:alex-rivera-20270104-w1-s1@coach-a.example\r" {
		t.Errorf("first UID %q", got)
	}
}

func TestRaceIsAnAllDayEvent(t *testing.T) {
	src := strings.Replace(plannertest.AlexTOML, "weeks = 8", "race_date = 2027-02-28\nrace_name = \"Spring 10K, Riverside\"", 1)
	prog := plannertest.Program(t, "alex.toml", src)
	var buf bytes.Buffer
	if err := Write(&buf, prog, Options{Domain: "coach.example"}); err != nil {
		t.Fatal(err)
	}
	cal := buf.String()
	checkContentLines(t, cal)
	for _, want := range []string{
		"UID:alex-rivera-20270104-race@coach.example\r\n",
		"DTSTART;VALUE=DATE:20270228\r\nDTEND;VALUE=DATE:20270301\r\n",
		"SUMMARY:Race: Spring 10K\\, Riverside\r\n",
	} {
		if !strings.Contains(cal, want) {
			t.Errorf("race event lacks %q", want)
		}
	}
	// DTSTAMP is the fixed, past default: the same in every build.
	if !strings.Contains(cal, "DTSTAMP:20260101T000000Z\r\n") || DefaultStamp.After(time.Now()) {
		t.Error("DTSTAMP is not the fixed past default")
	}
}
