// Package diag is Stance's one error type for a problem in a user's
// files: where it is (file, line, column, key) and what to do about it.
// Every stage that reads the user's files reports with it (TOML decoding,
// site settings, pages, Markdown, templates, profiles and plans), so a
// problem prints the same way everywhere ("file:line:col: key: message")
// and tools such as serve's error page read the position with errors.As
// instead of parsing text. List collects the problems of one run.
//
// It follows go/scanner's Error and ErrorList.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Error is one problem at a position in a file.
type Error struct {
	File   string // as the user sees it: "content/routine/phases.md"; "" while unknown
	Line   int    // 1-based; 0 when the problem is the whole file
	Column int    // 1-based; 0 when unknown
	Key    string // dotted field or key ("runs.monday"), when there is one
	Msg    string
	// Err is an error this one stands for, for errors.Is: a sentinel such
	// as the planner's ErrImpossibleWeek. Optional; not printed.
	Err error

	converted bool // made by Flatten from an error without a position
}

// Error prints "file:line:col: key: message", leaving out what is unknown.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		if e.File != "" {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an Error at file and line with a formatted message.
func Errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// List is the problems of one run.
type List []*Error

// Add appends a problem.
func (l *List) Add(e *Error) { *l = append(*l, e) }

// Sort orders the problems by file, line and column, keeping the order of
// problems at one place.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// Error prints one problem a line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.Is and errors.As look at every problem.
func (l List) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Err is the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Flatten returns every problem in err, through lists, joins and wraps,
// in order. A problem that is not an *Error (an I/O failure, say) becomes
// one without a position, so nothing is lost.
func Flatten(err error) List {
	if err == nil {
		return nil
	}
	var out List
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case *Error:
			out = append(out, e)
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		default:
			var pos *Error
			if errors.As(err, &pos) && pos.Error() == err.Error() {
				out = append(out, pos)
				return
			}
			out = append(out, &Error{Msg: err.Error(), Err: err, converted: true})
		}
	}
	walk(err)
	return out
}

// InFile sets the file of every problem in err that has none, and turns
// any other error into a problem of the file: "file: message".
func InFile(file string, err error) error {
	if err == nil {
		return nil
	}
	list := Flatten(err)
	for i, e := range list {
		if e.File == "" {
			c := *e
			c.File = file
			list[i] = &c
		}
	}
	if len(list) == 1 {
		return list[0]
	}
	return list
}

// Offset returns err with every line moved down by n, for a document that
// starts on line n+1 of its file (front matter after its +++ line).
func Offset(err error, n int) error {
	if err == nil {
		return nil
	}
	list := Flatten(err)
	for i, e := range list {
		if !e.converted {
			c := *e
			c.Line += n
			list[i] = &c
		}
	}
	if len(list) == 1 {
		return list[0]
	}
	return list
}
