package theme

import "bytes"

// Render is Execute into a fresh byte slice, for tests.
func (t *Theme) Render(layout string, data any) ([]byte, error) {
	var b bytes.Buffer
	err := t.Execute(&b, layout, data)
	return b.Bytes(), err
}
