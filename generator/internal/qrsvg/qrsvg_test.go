package qrsvg

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var runRe = regexp.MustCompile(`^M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

// draw paints the SVG's path back into a grid of modules, quiet zone
// included, so the test checks the drawing rather than trusting it.
func draw(t *testing.T, svg string) [][]bool {
	t.Helper()
	m := regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`).FindStringSubmatch(svg)
	if m == nil || m[1] != m[2] {
		t.Fatalf("no square viewBox in %.80s", svg)
	}
	size, _ := strconv.Atoi(m[1])
	grid := make([][]bool, size)
	for i := range grid {
		grid[i] = make([]bool, size)
	}
	_, d, ok := strings.Cut(svg, `<path fill="#000" d="`)
	d, _, ok2 := strings.Cut(d, `"`)
	if !ok || !ok2 {
		t.Fatalf("no path in %.80s", svg)
	}
	for d != "" {
		r := runRe.FindStringSubmatch(d)
		if r == nil {
			t.Fatalf("bad path data at %.40q", d)
		}
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		n, _ := strconv.Atoi(r[3])
		if r[4] != r[3] {
			t.Fatalf("run %q does not close", r[0])
		}
		for i := 0; i < n; i++ {
			if grid[y][x+i] {
				t.Fatalf("module %d,%d drawn twice", x+i, y)
			}
			grid[y][x+i] = true
		}
		d = d[len(r[0]):]
	}
	return grid
}

func TestSVGDrawsTheSymbolInsideAQuietZone(t *testing.T) {
	for _, url := range []string{
		"https://example.org/exercises/clamshell/",
		"https://user.github.io/knees/exercises/bulgarian-split-squat/",
		"http://127.0.0.1:1313/exercises/hip-airplane/",
	} {
		bits, err := Encode(url)
		if err != nil {
			t.Fatal(err)
		}
		svg, err := SVG(url, "QR code")
		if err != nil {
			t.Fatal(err)
		}
		grid := draw(t, string(svg))
		n := len(bits)
		if len(grid) != n+2*Quiet {
			t.Fatalf("%s: %d modules with quiet zone, want %d", url, len(grid), n+2*Quiet)
		}
		// A version v symbol is 17+4v modules wide.
		if (n-17)%4 != 0 || n < 21 {
			t.Errorf("%s: symbol %d modules wide", url, n)
		}
		for y := range grid {
			for x := range grid[y] {
				inside := x >= Quiet && y >= Quiet && x < n+Quiet && y < n+Quiet
				want := inside && bits[y-Quiet][x-Quiet]
				if grid[y][x] != want {
					t.Fatalf("%s: module %d,%d is %v, want %v", url, x, y, grid[y][x], want)
				}
			}
		}
		// The three finder patterns: a dark 7x7 ring with a 3x3 core.
		for _, c := range [][2]int{{0, 0}, {n - 7, 0}, {0, n - 7}} {
			for i := 0; i < 7; i++ {
				for j := 0; j < 7; j++ {
					ring := i == 0 || j == 0 || i == 6 || j == 6
					core := i >= 2 && i <= 4 && j >= 2 && j <= 4
					if bits[c[1]+i][c[0]+j] != (ring || core) {
						t.Fatalf("%s: finder pattern at %v broken at %d,%d", url, c, j, i)
					}
				}
			}
		}
	}
}

func TestSVGIsDeterministicAndEscapesItsLabel(t *testing.T) {
	// Many URLs, each encoded repeatedly: the mask choice must not vary
	// between runs (a build is byte-identical to the previous one).
	for i := 0; i < 200; i++ {
		url := fmt.Sprintf("https://example.org/exercises/exercise-%d/", i)
		first, err := SVG(url, "x")
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 5; j++ {
			if again, _ := SVG(url, "x"); again != first {
				t.Fatalf("%s: two encodings differ", url)
			}
		}
	}
	svg, err := SVG("https://example.org/", `Scan "me" <now> & go`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), `aria-label="Scan &#34;me&#34; &lt;now&gt; &amp; go"`) {
		t.Errorf("label not escaped: %.200s", svg)
	}
}

func TestSVGRefusesTextTooLongForAQRCode(t *testing.T) {
	if _, err := SVG(strings.Repeat("x", 3000), "x"); err == nil {
		t.Error("3000 bytes encoded; the largest QR code holds 2331 at level M")
	}
}
