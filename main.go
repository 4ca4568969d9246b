// Command stance builds knee-strength training sites and personal,
// printable training programs from Markdown guides and TOML profiles.
//
//	stance build [flags]              build the site into public/
//	stance serve [flags]              build, serve and rebuild on change
//	stance program [flags] profile.toml   write one printable program
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
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

// tuneGC runs the collector a third less often unless the user set GOGC.
// A build allocates many short-lived objects (Markdown trees, tokens). On
// the 10,000-page benchmark corpus, five alternating fresh builds each in
// memory: GOGC=100 took a median 2.71 s at 184 MB, 150 took 2.36 s at
// 222 MB, 200 took 2.34 to 2.58 s at 262 MB: past 150 the memory grows
// and the time does not fall.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}

// gcPercent is the command's GOGC.
const gcPercent = 150

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
	opts.BuilderSource = builderSource
	res, err := site.Build(afero.NewOsFs(), opts)
	if err != nil {
		return err
	}
	printNotes(res.Notes, stderr)
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
	opts := server.Options{Log: stdout, BuilderSource: builderSource}
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
	fs := newFlagSet("program", `Usage: stance program [flags] profile.toml...

Plans each athlete's strength block from a TOML profile and writes a
single self-contained, printable HTML file (CSS inlined) and an iCalendar
file of the sessions. Nothing else is built or written.

Exercises and theme come from the site in --source; without --source and
outside a site folder (no site.toml here), from the exercise library and
theme built into stance. With one profile, -o names the HTML file; with
several, or when -o is a folder, each athlete gets <slug>.html and
<slug>.ics in the folder -o names. Every problem of every profile is
reported together, and then nothing is written.`, stderr)
	var source, out, icsOut, baseURL string
	fs.StringVar(&source, "source", "", "site folder whose exercises and theme are used (default: this folder if it holds site.toml, else the built-in library)")
	fs.StringVar(&out, "o", "", "HTML file to write, or a folder for several profiles (default <slug>.html, or the current folder)")
	fs.StringVar(&icsOut, "ics", "", "with one profile: also write the calendar to this file")
	fs.StringVar(&baseURL, "base-url", "", "the published site's address: exercise links and calendar UIDs use it (default: site.toml's base_url)")
	profiles, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(profiles) == 0 {
		fmt.Fprintln(stderr, "stance program: give at least one profile file")
		fs.Usage()
		return errUsage
	}
	osfs := afero.NewOsFs()
	opts := site.ProgramOptions{Site: site.Options{Source: source, BaseURL: baseURL}, Profiles: profiles}
	if source == "" {
		opts.Site.Source = "."
		if _, err := os.Stat("site.toml"); errors.Is(err, os.ErrNotExist) {
			opts.Library = exerciseLibrary
		}
	}
	files, err := site.Programs(osfs, opts)
	if err != nil {
		return err
	}
	return writePrograms(files, out, icsOut, stdout)
}

// writePrograms writes each program where the flags say: one file (and
// its calendar if asked) for a single profile, or <slug>.html and
// <slug>.ics in a folder.
func writePrograms(files []site.ProgramFile, out, icsOut string, stdout io.Writer) error {
	toFolder := len(files) > 1
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		toFolder = true
	}
	if toFolder && icsOut != "" {
		return fmt.Errorf("--ics names one file; with several profiles each calendar is written as <slug>.ics beside its page")
	}
	if toFolder {
		if out == "" {
			out = "."
		}
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
	}
	for _, f := range files {
		html, cal := out, icsOut
		if toFolder {
			html = filepath.Join(out, f.Program.Slug+".html")
			cal = filepath.Join(out, f.Program.Slug+".ics")
		} else if html == "" {
			html = f.Program.Slug + ".html"
		}
		if err := os.WriteFile(html, f.HTML, 0o644); err != nil {
			return err
		}
		written := html
		if cal != "" {
			if err := os.WriteFile(cal, f.ICS, 0o644); err != nil {
				return err
			}
			written += " and " + cal
		}
		fmt.Fprintf(stdout, "wrote %s: %s, %d weeks from %s\n", term.EscapeLine(written), term.EscapeLine(f.Program.Athlete), len(f.Program.Weeks), f.Program.Start.Format("2 January 2006"))
	}
	return nil
}

// printNotes prints what a build left out, escaped for the terminal like
// every message that quotes the site's files.
func printNotes(notes []string, stderr io.Writer) {
	for _, n := range notes {
		fmt.Fprintf(stderr, "stance: note: %s\n", strings.ReplaceAll(term.Escape(n), "\n", "\n  "))
	}
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
