package webplan

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/stance-ssg/stance/generator/planner"
	"github.com/stance-ssg/stance/generator/training"
)

// Answer is one field of the builder form, named by its profile key:
// "athlete", "equipment" (once per ticked box), "loads.dumbbells",
// "runs.tuesday.type", "runs.tuesday.time".
type Answer struct {
	Name, Value string
}

// How each top-level key is written, in the order of the README's example
// profile. Values are written as the athlete typed them: a value that is
// not of its key's kind is written as a string, so the planner reports it
// with its own message instead of the form guessing.
var profileKeys = []struct {
	name string
	kind valueKind
}{
	{"athlete", text},
	{"slug", text},
	{"start", date},
	{"weeks", number},
	{"race_date", date},
	{"race_name", text},
	{"experience", text},
	{"cadence", number},
	{"sessions_per_week", number},
	{"equipment", list},
	{"units", text},
	{"paper", text},
	{"session_time", text},
	{"deload_every", number},
}

type valueKind int

const (
	text valueKind = iota
	number
	date
	list
)

// ProfileTOML writes the answers as a profile, the file a coach would
// write: blank answers are left out, so the planner's defaults apply as
// they do to a file. Unknown names are ignored; of a key that takes one
// value, the first answer counts.
func ProfileTOML(answers []Answer) string {
	values := map[string][]string{}
	for _, a := range answers {
		if v := strings.TrimSpace(a.Value); v != "" {
			values[a.Name] = append(values[a.Name], v)
		}
	}
	var b strings.Builder
	b.WriteString("# A runner's profile, made with the program builder. Put it in\n")
	b.WriteString("# content/programs/ to publish the program with the site, or run\n")
	b.WriteString("# `stance program` on it.\n")
	for _, k := range profileKeys {
		vs := values[k.name]
		if len(vs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%s = %s\n", k.name, tomlValue(k.kind, vs))
	}
	writeLoads(&b, values)
	writeRuns(&b, values)
	return b.String()
}

// writeLoads writes the [loads] table: per implement, the comma-separated
// list the athlete typed.
func writeLoads(b *strings.Builder, values map[string][]string) {
	header := false
	for _, im := range training.Implements {
		v := values["loads."+im]
		if len(v) == 0 {
			continue
		}
		if !header {
			b.WriteString("\n[loads]\n")
			header = true
		}
		var items []string
		for _, item := range strings.Split(v[0], ",") {
			if item = strings.TrimSpace(item); item != "" {
				items = append(items, item)
			}
		}
		fmt.Fprintf(b, "%s = %s\n", im, tomlValue(list, items))
	}
}

// writeRuns writes the [runs] table: the run type of each weekday, with
// its time when one was given.
func writeRuns(b *strings.Builder, values map[string][]string) {
	header := false
	for _, day := range Weekdays() {
		key := "runs." + day.Key
		kind, at := first(values[key+".type"]), first(values[key+".time"])
		if kind == "" && at == "" {
			continue
		}
		if !header {
			b.WriteString("\n[runs]\n")
			header = true
		}
		switch {
		case at == "":
			fmt.Fprintf(b, "%s = %s\n", day.Key, quote(kind))
		case kind == "":
			// A time without a type: written so, the planner says the
			// type is missing.
			fmt.Fprintf(b, "%s = { time = %s }\n", day.Key, quote(at))
		default:
			fmt.Fprintf(b, "%s = { type = %s, time = %s }\n", day.Key, quote(kind), quote(at))
		}
	}
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

var (
	wholeNumber = regexp.MustCompile(`^[+-]?[0-9]{1,9}$`)
	decimal     = regexp.MustCompile(`^[0-9]{1,6}(\.[0-9]{1,6})?$`)
	isoDate     = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// tomlValue writes vs as a value of kind; what does not look like its kind
// is written as a string. vs holds one value, or a list's items (maybe
// none: "," typed as loads).
func tomlValue(kind valueKind, vs []string) string {
	if kind == list {
		items := make([]string, len(vs))
		for i, item := range vs {
			if decimal.MatchString(item) {
				items[i] = item // a weight; band names are strings
			} else {
				items[i] = quote(item)
			}
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	v := vs[0]
	switch kind {
	case number:
		if wholeNumber.MatchString(v) {
			return strings.TrimPrefix(v, "+")
		}
	case date:
		if isoDate.MatchString(v) {
			if _, err := time.Parse(time.DateOnly, v); err == nil {
				return v
			}
		}
	}
	return quote(v)
}

// quote writes s as a TOML basic string: control characters are escaped,
// so the planner sees them and says why a name may not hold them.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Day is one weekday of the form's running week.
type Day struct {
	Key  string // "monday": the profile key under [runs]
	Name string // "Monday"
}

// Weekdays lists the days Monday first, as a running week is written.
func Weekdays() []Day {
	days := make([]Day, 7)
	for i := range days {
		wd := time.Weekday((i + 1) % 7)
		days[i] = Day{Key: strings.ToLower(wd.String()), Name: wd.String()}
	}
	return days
}

// RunTypes lists the run words the form offers, rest first.
func RunTypes() []string {
	var out []string
	for _, t := range planner.RunTypes() {
		out = append(out, string(t))
	}
	return out
}
