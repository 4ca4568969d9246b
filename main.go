// Command stance builds knee-strength training sites and personal,
// printable training programs from Markdown guides and TOML profiles.
//
//	stance build [flags]              build the site into public/
//	stance serve [flags]              build, serve and rebuild on change
//	stance program [flags] profile.toml   write one printable program
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/site"
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
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
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
func report(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
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
		fs.PrintDefaults()
	}
	return fs
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
	return errors.New("serve: not built yet")
}

func runProgram(args []string, stdout, stderr io.Writer) error {
	return errors.New("program: not built yet")
}
