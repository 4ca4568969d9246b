package tomlx

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stance-ssg/stance/generator/diag"
)

type sample struct {
	Title  string
	Weight int
	Date   time.Time
	Reps   map[string]struct {
		Sets int
		Min  int
	}
	Runs map[string]any
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantLine int
		wantKey  string
		wantMsg  string
	}{
		{"unknown top-level key", "title = \"a\"\ntitel = \"b\"\n", 2, "titel", "unknown key"},
		{"unknown key in table", "title = \"a\"\n\n[reps.stability]\nsets = 2\nmni = 12\n", 5, "reps.stability.mni", "unknown key"},
		{"wrong type", "title = \"a\"\nweight = \"heavy\"\n", 2, "weight", "incompatible types"},
		{"syntax error", "title = \"a\"\nweight = = 3\n", 2, "", "expected value"},
		{"quoted date", "title = \"a\"\ndate = \"yesterday\"\n", 2, "date", `"yesterday" is not a date: write a TOML date such as 2026-11-02, without quotes`},
		{"bad date", "title = \"a\"\ndate = 2026-13-45\n", 2, "date", "invalid datetime"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v sample
			_, err := Decode(tt.src, &v)
			var es diag.List
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("want diag.List, got %v", err)
			}
			e := es[0]
			if e.Line != tt.wantLine {
				t.Errorf("line = %d, want %d (%v)", e.Line, tt.wantLine, e)
			}
			if tt.wantKey != "" && e.Key != tt.wantKey {
				t.Errorf("key = %q, want %q", e.Key, tt.wantKey)
			}
			if !strings.Contains(strings.ToLower(e.Error()), strings.ToLower(tt.wantMsg)) {
				t.Errorf("message %q does not mention %q", e.Error(), tt.wantMsg)
			}
		})
	}
}

func TestDecodeReportsEveryUnknownKey(t *testing.T) {
	var v sample
	_, err := Decode("titel = 1\nwieght = 2\n[extra]\na = 1\nb = 2\n", &v)
	var es diag.List
	if !errors.As(err, &es) {
		t.Fatalf("want diag.List, got %v", err)
	}
	var keys []string
	for _, e := range es {
		keys = append(keys, e.Key)
	}
	if got := strings.Join(keys, ","); got != "titel,wieght,extra" {
		t.Errorf("keys = %s, want titel,wieght,extra", got)
	}
}

func TestDecodeOK(t *testing.T) {
	var v sample
	if _, err := Decode("title = \"x\"\nweight = 3\n", &v); err != nil {
		t.Fatal(err)
	}
	if v.Title != "x" || v.Weight != 3 {
		t.Errorf("decoded %+v", v)
	}
}
