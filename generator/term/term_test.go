package term

import "testing"

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"Alex Rivera":                  "Alex Rivera",
		"Ölçü, 東京\tand\nmore":          "Ölçü, 東京\tand\nmore",
		"Alex \x1b[31mRivera\x1b[0m":   `Alex \x1b[31mRivera\x1b[0m`,
		"NUL\x00 BEL\x07 CR\r DEL\x7f": `NUL\x00 BEL\x07 CR\x0d DEL\x7f`,
		"C1 \u009b31m":                 `C1 \u009b31m`,
		"evil\u202egnp.exe":            `evil\u202egnp.exe`,
		"zero\u200bwidth":              `zero\u200bwidth`,
		"bad \xff byte":                `bad \xff byte`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscapeLine(t *testing.T) {
	in := "Alex\nstance: all good\r\tmore \x1b[31m"
	want := `Alex\nstance: all good\x0d\tmore \x1b[31m`
	if got := EscapeLine(in); got != want {
		t.Errorf("EscapeLine(%q) = %q, want %q", in, got, want)
	}
}
