//go:build js && wasm

// Command wasm is the program builder's WebAssembly module: it moves
// strings between the builder page's script and package webplan, and
// does nothing else. The page loads it, hands it the site's data file and
// calls make with the form's answers.
//
// It sets one global while it starts, stanceBuilder, an object with:
//
//	load(data string) string       read the data file; "" or the problem
//	make(answers [][2]string) obj  plan: see result below
//
// and keeps running so the page can call make again.
package main

import (
	"fmt"
	"syscall/js"

	"github.com/stance-ssg/stance/generator/internal/webplan"
)

var planner *webplan.Planner

func main() {
	js.Global().Set("stanceBuilder", js.ValueOf(map[string]any{
		"load": js.FuncOf(load),
		"make": js.FuncOf(makeProgram),
	}))
	select {} // serve calls from the page until it closes
}

func load(_ js.Value, args []js.Value) any {
	p, err := webplan.Load([]byte(args[0].String()))
	if err != nil {
		return err.Error()
	}
	planner = p
	return ""
}

// makeProgram plans from the form's answers, an array of [name, value]
// pairs (what FormData holds). A panic would end the module, and every
// later call with it: it is reported as a problem instead, and the page
// keeps working.
func makeProgram(_ js.Value, args []js.Value) (res any) {
	defer func() {
		if r := recover(); r != nil {
			res = js.ValueOf(map[string]any{"problems": []any{problem("", fmt.Sprintf("the planner failed: %v; please report it", r))}})
		}
	}()
	if planner == nil {
		return js.ValueOf(map[string]any{"problems": []any{problem("", "the planner has not loaded its data")}})
	}
	list := args[0]
	answers := make([]webplan.Answer, list.Length())
	for i := range answers {
		pair := list.Index(i)
		answers[i] = webplan.Answer{Name: pair.Index(0).String(), Value: pair.Index(1).String()}
	}
	return result(planner.Make(answers))
}

func result(r *webplan.Result) js.Value {
	probs := make([]any, len(r.Problems))
	for i, p := range r.Problems {
		probs[i] = problem(p.Key, p.Message)
	}
	return js.ValueOf(map[string]any{
		"profile":  r.Profile,
		"problems": probs,
		"slug":     r.Slug,
		"athlete":  r.Athlete,
		"weeks":    r.Weeks,
		"summary":  r.Summary,
		"page":     r.Page,
		"file":     r.File,
		"calendar": r.Calendar,
	})
}

func problem(key, msg string) map[string]any {
	return map[string]any{"key": key, "message": msg}
}
