package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

func TestErrorPrintsWhatIsKnown(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{File: "content/a.md", Line: 3, Column: 7, Key: "title", Msg: "missing"}, "content/a.md:3:7: title: missing"},
		{Error{File: "content/a.md", Line: 3, Msg: "broken link"}, "content/a.md:3: broken link"},
		{Error{File: "site.toml", Key: "title", Msg: "missing"}, "site.toml: title: missing"},
		{Error{File: "site.toml", Column: 4, Msg: "no line"}, "site.toml: no line"},
		{Error{Line: 2, Column: 1, Key: "weeks", Msg: "too many"}, "2:1: weeks: too many"},
		{Error{Msg: "disk full"}, "disk full"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%+v prints %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestListSortsAndUnwraps(t *testing.T) {
	sentinel := errors.New("impossible")
	l := List{
		{File: "b.md", Line: 1, Msg: "b1"},
		{File: "a.md", Line: 9, Msg: "a9"},
		{File: "a.md", Line: 2, Column: 5, Msg: "a2:5", Err: sentinel},
		{File: "a.md", Line: 2, Column: 1, Msg: "a2:1"},
	}
	l.Sort()
	if got := l.Error(); got != "a.md:2:1: a2:1\na.md:2:5: a2:5\na.md:9: a9\nb.md:1: b1" {
		t.Errorf("sorted list prints\n%s", got)
	}
	if !errors.Is(l, sentinel) {
		t.Error("errors.Is does not see a problem's sentinel through the list")
	}
	var e *Error
	if !errors.As(fmt.Errorf("building: %w", l), &e) || e.Msg != "a2:1" {
		t.Errorf("errors.As through a wrap found %v", e)
	}
	if (List{}).Err() != nil || l.Err() == nil {
		t.Error("Err: nil for an empty list only")
	}
}

func TestFlattenKeepsEveryProblem(t *testing.T) {
	joined := errors.Join(
		List{{File: "a.md", Line: 1, Msg: "one"}, {File: "a.md", Line: 2, Msg: "two"}},
		fmt.Errorf("reading: %w", fs.ErrPermission),
		&Error{File: "b.md", Msg: "three"},
	)
	got := Flatten(joined)
	if len(got) != 4 || got[2].Line != 0 || got[2].File != "" || !errors.Is(got[2], fs.ErrPermission) {
		t.Fatalf("Flatten gave %d problems: %v", len(got), got)
	}
	if got.Error() != "a.md:1: one\na.md:2: two\nreading: permission denied\nb.md: three" {
		t.Errorf("flattened:\n%s", got.Error())
	}
}

func TestInFileAndOffset(t *testing.T) {
	doc := List{{Line: 0, Key: "title", Msg: "missing"}, {Line: 2, Column: 3, Key: "date", Msg: "bad"}}
	got := InFile("content/a.md", Offset(doc, 1))
	if got.Error() != "content/a.md:1: title: missing\ncontent/a.md:3:3: date: bad" {
		t.Errorf("got\n%s", got)
	}
	plain := InFile("site.toml", fs.ErrNotExist)
	if plain.Error() != "site.toml: file does not exist" || !errors.Is(plain, fs.ErrNotExist) {
		t.Errorf("plain error in a file: %v", plain)
	}
	if Offset(fs.ErrNotExist, 3).Error() != "file does not exist" {
		t.Error("Offset moved an error that has no line")
	}
	kept := InFile("a.md", &Error{File: "templates/page.html", Line: 4, Msg: "x"})
	if kept.Error() != "templates/page.html:4: x" {
		t.Errorf("InFile replaced a file that was known: %v", kept)
	}
}
