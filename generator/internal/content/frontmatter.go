package content

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/internal/slug"
	"github.com/stance-ssg/stance/generator/internal/tomlx"
	"github.com/stance-ssg/stance/generator/training"
)

// FrontMatter is the TOML block between the `+++` lines at the top of a
// page, or the YAML block between `---` lines (see yamlfront.go). Keys
// not listed here are errors; the toml tags are the key names in both.
type FrontMatter struct {
	Title       string    `toml:"title"`
	Description string    `toml:"description"`
	Date        time.Time `toml:"date"`
	Draft       bool      `toml:"draft"`
	Weight      int       `toml:"weight"`
	Slug        string    `toml:"slug"`
	Aliases     []string  `toml:"aliases"`
	Tags        []string  `toml:"tags"`

	// Exercise pages.
	Muscles   []string        `toml:"muscles"`
	Equipment []string        `toml:"equipment"` // what the exercise needs
	Load      []string        `toml:"load"`      // implements that can add load to it
	Level     string          `toml:"level"`     // beginner, intermediate or advanced
	Easier    string          `toml:"easier"`    // slug of an easier variation
	Harder    string          `toml:"harder"`    // slug of a harder variation
	Phase     []string        `toml:"phase"`
	Focus     []string        `toml:"focus"`
	Cues      []string        `toml:"cues"`
	Reps      map[string]Reps `toml:"reps"`
}

// Reps is the prescription of an exercise for one training phase.
type Reps struct {
	Sets    int  `toml:"sets"`
	Min     int  `toml:"min"`
	Max     int  `toml:"max"`
	PerSide bool `toml:"per_side"`
}

// frontMatterTOML is what the TOML decoder fills: the front matter, with
// its date decoded by frontDate (the outer field hides the embedded one).
type frontMatterTOML struct {
	FrontMatter
	Date frontDate `toml:"date"`
}

// frontDate decodes a front matter date from the TOML value itself.
// Decoded straight into a time.Time, the value goes through text and
// loses its kind: a date without an offset then takes the build
// machine's time zone, and a time without a date passes as the year 0.
type frontDate struct{ t time.Time }

// Time zone names the TOML decoder gives the values that have no offset.
const (
	tomlLocalDate     = "date-local"
	tomlLocalDateTime = "datetime-local"
	tomlLocalTime     = "time-local"
)

// UnmarshalTOML keeps an offset the author wrote (the feed shows it), and
// reads a date or date-time without one as it is written, whatever the
// build machine's time zone, so builds stay identical everywhere.
func (d *frontDate) UnmarshalTOML(v any) error {
	t, ok := v.(time.Time)
	if !ok {
		if s, isString := v.(string); isString {
			return fmt.Errorf("%q is not a date: write a TOML date such as 2026-11-02, without quotes", s)
		}
		return fmt.Errorf("%v is not a date: write a TOML date such as 2026-11-02", v)
	}
	if t.Location().String() != tomlLocalTime && t.Year() < 1 {
		return fmt.Errorf("%s is before the year 1: write a date such as 2026-11-02", t.Format("2006-01-02"))
	}
	switch t.Location().String() {
	case tomlLocalTime:
		return fmt.Errorf("%s is a time without a date: write a date such as 2026-11-02, or a date and time such as 2026-11-02T%s", t.Format("15:04:05"), t.Format("15:04:05"))
	case tomlLocalDate, tomlLocalDateTime:
		d.t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	default:
		_, offset := t.Zone()
		d.t = t.In(time.FixedZone("", offset))
	}
	return nil
}

// frontFormat is the language of a page's front matter, told by its
// first line: `+++` for TOML (the default, used throughout the docs) and
// `---` for YAML, the form other generators use.
type frontFormat int

const (
	formatTOML frontFormat = iota
	formatYAML
)

func (f frontFormat) delimiter() string { return [...]string{"+++", "---"}[f] }

// splitFrontMatter separates the front matter from the Markdown body.
// bodyLine is the number of lines before the body, so that a body offset can
// be turned into a line of the file.
func splitFrontMatter(src []byte) (front, body []byte, bodyLine int, format frontFormat, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, found := cutLine(src)
	switch string(bytes.TrimRight(first, " \t\r")) {
	case formatTOML.delimiter():
		format = formatTOML
	case formatYAML.delimiter():
		format = formatYAML
	default:
		return nil, nil, 0, 0, &diag.Error{Line: 1, Msg: "missing front matter: a page starts with a line `+++`, its TOML, and another `+++` line (or with YAML between `---` lines)"}
	}
	notClosed := &diag.Error{Line: 1, Msg: fmt.Sprintf("front matter is not closed with a `%s` line", format.delimiter())}
	if !found {
		return nil, nil, 0, 0, notClosed
	}
	line := 1
	for pos := 0; ; {
		l, next, ok := cutLine(rest[pos:])
		line++
		if string(bytes.TrimRight(l, " \t\r")) == format.delimiter() {
			return rest[:pos], rest[pos+len(l)+boolInt(ok):], line, format, nil
		}
		if !ok {
			return nil, nil, 0, 0, notClosed
		}
		pos = len(rest) - len(next)
	}
}

func cutLine(b []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// frontOffset is the number of lines of a file before its front matter
// text: line 1 of the front matter is line 2 of the file, after the opening
// delimiter.
const frontOffset = 1

// parsePage splits and decodes one page source, TOML or YAML. Errors
// carry lines of the whole file.
func parsePage(src []byte) parsedPage {
	fail := func(err error) parsedPage { return parsedPage{err: err} }
	if line := invalidUTF8Line(src); line > 0 {
		return fail(&diag.Error{Line: line, Msg: "invalid UTF-8: save the file as UTF-8"})
	}
	front, body, bodyLine, format, err := splitFrontMatter(src)
	if err != nil {
		return fail(err)
	}
	if len(front) > MaxFrontMatter {
		return fail(&diag.Error{Line: 1, Msg: fmt.Sprintf(
			"front matter is %d bytes, over the limit of %d: keep long text in the page body", len(front), MaxFrontMatter)})
	}
	var fm FrontMatter
	var pos posFunc
	if format == formatYAML {
		fm, pos, err = decodeYAML(front)
	} else {
		fm, pos, err = decodeTOML(front)
	}
	if err != nil {
		return fail(diag.Offset(err, frontOffset))
	}
	if err := checkFrontMatter(&fm, pos); err != nil {
		return fail(diag.Offset(err, frontOffset))
	}
	if err := checkBody(body, bodyLine); err != nil {
		return fail(err)
	}
	return parsedPage{front: fm, body: body, bodyLine: bodyLine, keyLines: urlKeyLines(fm, pos)}
}

// decodeTOML decodes TOML front matter. Errors carry lines of the front
// matter text.
func decodeTOML(front []byte) (FrontMatter, posFunc, error) {
	src := string(front)
	pos := func(key []string) (int, int) { return tomlx.KeyLine(src, key), 0 }
	var raw frontMatterTOML
	if _, err := tomlx.Decode(src, &raw); err != nil {
		return FrontMatter{}, pos, err
	}
	fm := raw.FrontMatter
	fm.Date = raw.Date.t
	return fm, pos, nil
}

func invalidUTF8Line(src []byte) int {
	if utf8.Valid(src) {
		return 0
	}
	line := 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		src = src[size:]
	}
	return line
}

// checkFrontMatter validates values the TOML and YAML types cannot
// express. pos finds the keys in the front matter text.
func checkFrontMatter(fm *FrontMatter, pos posFunc) error {
	var es diag.List
	add := func(msg string, key ...string) {
		line, col := pos(key)
		es = append(es, &diag.Error{Line: line, Column: col, Key: joinKey(key), Msg: msg})
	}
	if fm.Title == "" {
		// Line 0 of the front matter is the opening delimiter of the file.
		es = append(es, &diag.Error{Line: 0, Key: "title", Msg: "missing: every page needs a title"})
	}
	switch {
	case fm.Slug != "" && !validSegment(fm.Slug):
		add(fmt.Sprintf("%q is not a single URL segment: use letters, digits, '-', '_' or '.' (no '/', no '..')", fm.Slug), "slug")
	case len(fm.Slug) > MaxSegment:
		add(fmt.Sprintf("%.20q... is %d bytes long, over the limit of %d: file systems refuse longer names", fm.Slug, len(fm.Slug), MaxSegment), "slug")
	}
	for _, a := range fm.Aliases {
		// Checked here, not only when URLs are assigned, so the error
		// carries the line of the aliases key.
		if _, err := aliasFile(a); err != nil {
			add(err.Error(), "aliases")
		}
	}
	for _, name := range taxonomyNames {
		checkTerms(name, taxonomyField(fm, name), add)
	}
	for _, p := range fm.Phase {
		if _, ok := training.PhaseReps[p]; !ok {
			add(fmt.Sprintf("unknown phase %q: use \"stability\" or \"strength\"", p), "phase")
		}
	}
	for _, item := range fm.Load {
		if !training.IsImplement(item) {
			add(fmt.Sprintf("%q cannot load an exercise: use %s", item, quoteWords(training.Implements)), "load")
		}
	}
	if fm.Level != "" {
		if _, ok := training.ParseLevel(fm.Level); !ok {
			add(fmt.Sprintf("unknown level %q: use %s", fm.Level, quoteWords(training.LevelNames)), "level")
		}
	}
	for _, phase := range slices.Sorted(maps.Keys(fm.Reps)) {
		checkReps(phase, fm.Reps[phase], fm.Phase, add)
	}
	if len(es) > 0 {
		return es
	}
	return nil
}

// checkTerms checks the values of one taxonomy field: each must give a
// URL segment (a page per term is written at /tags/<slug>/), and one
// page may not carry more than MaxTermsPerPage of them.
func checkTerms(field string, values []string, add func(string, ...string)) {
	if len(values) > MaxTermsPerPage {
		add(fmt.Sprintf("%d values, over the limit of %d per page: every value is a page of its own", len(values), MaxTermsPerPage), field)
		return
	}
	for _, v := range values {
		switch seg := slug.Make(v); {
		case seg == "":
			add(fmt.Sprintf("%q has no letter or digit to make its URL from: write a word, such as \"glutes\"", v), field)
		case len(seg) > MaxSegment:
			add(fmt.Sprintf("%.20q... makes a URL segment of %d bytes, over the limit of %d", v, len(seg), MaxSegment), field)
		}
	}
}

func checkReps(phase string, r Reps, phases []string, add func(string, ...string)) {
	limits, known := training.PhaseReps[phase]
	if !known {
		add(fmt.Sprintf("unknown phase %q: use reps.stability or reps.strength", phase), "reps", phase)
		return
	}
	if !slices.Contains(phases, phase) {
		add(fmt.Sprintf("reps given for phase %q, which is not listed in phase", phase), "reps", phase)
	}
	if r.Sets < 1 || r.Sets > 6 {
		add(fmt.Sprintf("must be between 1 and 6, got %d", r.Sets), "reps", phase, "sets")
	}
	if r.Min < limits.Min || r.Max > limits.Max || r.Min > r.Max {
		add(fmt.Sprintf("the %s phase works in %d to %d reps; got min %d, max %d", phase, limits.Min, limits.Max, r.Min, r.Max), "reps", phase, "min")
	}
}

// quoteWords lists words as "a", "b" or "c" for error messages.
func quoteWords(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = strconv.Quote(w)
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

func joinKey(key []string) string {
	var b bytes.Buffer
	for i, k := range key {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(k)
	}
	return b.String()
}
