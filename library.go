package main

import "embed"

// exerciseLibrary is the repository's exercise pages, built into the
// binary: `stance program` plans against them outside a site folder, as
// the site uses the built-in theme when it has no templates/ of its own.
//
//go:embed content/exercises
var exerciseLibrary embed.FS
