// Command stance builds knee-strength training sites and personal,
// printable training programs from Markdown guides and TOML profiles.
//
//	stance build [flags]              build the site into public/
//	stance serve [flags]              build, serve and rebuild on change
//	stance program [flags] profile.toml   write one printable program
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/server"
	"github.com/stance-ssg/stance/generator/site"
	"github.com/stance-ssg/stance/generator/term"
)

const usage = `Stance turns a folder of Markdown guides into a static website, and TOML
athlete profiles into personal, printable training programs.

Usage:
  stance <command> [flags]

Commands:
  build     build the site into a folder (default ./public)
  serve     build the site, serve it locally and rebuild on every change
  program   plan one athlete's program from a profile and write it as one file
  version   print the version

Run 'stance <command> --help' for the flags of a command.
`

const version = "0.1.0"

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// tuneGC halves how often the collector runs unless the user set GOGC. A
// build allocates many short-lived objects (Markdown trees, tokens): on
// the 10,000-page benchmark corpus GOGC=200 saves about 5 % of the build
// time for about 55 MB more peak memory (bench/compare.sh, README).
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}

// run is main without the process: it returns the exit code, so tests can
// drive the real command line.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "build":
		err = runBuild(rest, stdout, stderr)
	case "serve":
		err = runServe(rest, stdout, stderr)
	case "program":
		err = runProgram(rest, stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "stance", version)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "stance: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	return report(err, stderr)
}

// errUsage marks a command line mistake; the flag package already printed
// the details.
var errUsage = errors.New("usage")

// report prints every error on its own line and picks the exit code.
// Messages quote names and values from the site's files, so every line
// is escaped for the terminal.
func report(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	lines := strings.Split(strings.TrimSpace(term.Escape(err.Error())), "\n")
	if len(lines) == 1 {
		fmt.Fprintf(stderr, "stance: %s\n", lines[0])
		return 1
	}
	fmt.Fprintf(stderr, "stance: %d problems:\n", len(lines))
	for _, l := range lines {
		fmt.Fprintf(stderr, "  %s\n", l)
	}
	return 1
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("stance "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n\nFlags:\n", synopsis)
		printFlags(fs)
	}
	return fs
}

// printFlags lists flags the way they are usually typed: two dashes for
// words, one for letters.
func printFlags(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		dashes := "--"
		if len(f.Name) == 1 {
			dashes = "-" // short flags such as -o read better with one dash
		}
		line := "  " + dashes + f.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(fs.Output(), "%s\n    \t%s", line, usage)
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(fs.Output(), " (default %q)", f.DefValue)
		}
		fmt.Fprintln(fs.Output())
	})
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", `Usage: stance build [flags]

Builds the site in --source (site.toml, content/, optional templates/ and
static/) into --destination. The previous output stays in place until the
new build is complete; a failed build changes nothing.`, stderr)
	opts := site.Options{}
	fs.StringVar(&opts.Source, "source", ".", "site folder holding site.toml and content/")
	fs.StringVar(&opts.Destination, "destination", "", "output folder (default <source>/public)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft = true")
	fs.StringVar(&opts.BaseURL, "base-url", "", "publish under this URL instead of site.toml's base_url (for example https://user.github.io/knees/)")
	fs.BoolVar(&opts.Clean, "clean", false, "replace a destination that holds files Stance did not write")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "stance build: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	res, err := site.Build(afero.NewOsFs(), opts)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, res)
	return nil
}

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", `Usage: stance serve [flags]

Builds the site in --source into memory and serves it, with live reload,
at http://<bind>:<port>/. Every save below content/, templates/ or
static/, or of site.toml, rebuilds what the change touches and reloads
open pages. A build error is shown in the browser until the next good
save; the server keeps running. Nothing is written to disk, and the
pages carry a small reload script that stance build never writes.
Ctrl-C stops the server.`, stderr)
	opts := server.Options{Log: stdout}
	fs.StringVar(&opts.Source, "source", ".", "site folder holding site.toml and content/")
	fs.StringVar(&opts.Bind, "bind", "127.0.0.1", "interface to listen on (0.0.0.0 serves the local network too)")
	fs.IntVar(&opts.Port, "port", server.DefaultPort, "port to listen on")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft = true")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "stance serve: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if opts.Port < 0 || opts.Port > 65535 {
		fmt.Fprintf(stderr, "stance serve: --port %d is not a port (0 to 65535)\n", opts.Port)
		return errUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return server.Run(ctx, afero.NewOsFs(), opts)
}

func runProgram(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("program", `Usage: stance program [flags] profile.toml

Plans one athlete's strength block from a TOML profile, using the exercise
library of the site in --source, and writes a single self-contained,
printable HTML file (CSS inlined). Nothing else is built or written.`, stderr)
	var source, out, icsOut string
	fs.StringVar(&source, "source", ".", "site folder whose exercises and theme are used")
	fs.StringVar(&out, "o", "", "HTML file to write (default <slug>.html in the current folder)")
	fs.StringVar(&icsOut, "ics", "", "also write the sessions as an iCalendar file")
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(positional) != 1 {
		fmt.Fprintln(stderr, "stance program: give exactly one profile file")
		fs.Usage()
		return errUsage
	}
	var html, cal bytes.Buffer
	opts := site.ProgramOptions{Site: site.Options{Source: source}, Profile: positional[0], HTML: &html}
	if icsOut != "" {
		opts.ICS = &cal
	}
	prog, err := site.WriteProgram(afero.NewOsFs(), opts)
	if err != nil {
		return err
	}
	if out == "" {
		out = prog.Slug + ".html"
	}
	if err := os.WriteFile(out, html.Bytes(), 0o644); err != nil {
		return err
	}
	if icsOut != "" {
		if err := os.WriteFile(icsOut, cal.Bytes(), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "wrote %s: %s, %d weeks from %s\n", term.EscapeLine(out), term.EscapeLine(prog.Athlete), len(prog.Weeks), prog.Start.Format("2 January 2006"))
	return nil
}

// parseInterspersed parses flags that may come before or after the
// positional arguments (stance program alex.toml -o alex.html).
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
