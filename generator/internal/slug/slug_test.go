package slug

import "testing"

func TestMake(t *testing.T) {
	tests := map[string]string{
		"Alex Rivera":         "alex-rivera",
		"José Peña":           "jose-pena",
		"Zoë Ünal-Smith 2nd":  "zoe-unal-smith-2nd",
		"  Sam  O'Kafor  ":    "sam-o-kafor",
		"Gluteus medius":      "gluteus-medius",
		"<script>x</script>":  "script-x-script",
		"../../etc/passwd":    "etc-passwd",
		"日本":                  "日本",
		"Jordan_Lee.Training": "jordan-lee-training",
		"💪":                   "",
		"\u200b":              "",
		"ﬁt":                  "fit", // compatibility decomposition: the ligature is two letters
	}
	for in, want := range tests {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
	if !Is("jose-pena") || Is("José") || Is("") || Is("a--b") {
		t.Error("Is accepts only what Make writes")
	}
}
