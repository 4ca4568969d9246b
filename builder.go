package main

import "embed"

// builderSource is the Go source of the program builder's WebAssembly
// module (generator/internal/webplan/wasm) and of every package of this
// module it imports, with go.mod and go.sum: a build compiles the module
// from the very source this binary was built from, so the builder plans
// exactly as `stance program` does, wherever the binary was installed.
// TestBuilderSourceIsComplete keeps the list equal to the module's
// imports.
//
//go:embed go.mod go.sum
//go:embed generator/diag/*.go generator/ics/*.go generator/planner/*.go generator/program/*.go generator/training/*.go
//go:embed generator/internal/slug/*.go generator/internal/tomlx/*.go
//go:embed generator/internal/webplan/*.go generator/internal/webplan/wasm/*.go
var builderSource embed.FS
