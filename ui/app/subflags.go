package app

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/ui/text"
)

// parseSub parses the flags of the sub-command cmd with the wizard's
// manners instead of Go's English "flag provided but not defined" and its
// "Usage of cmd:" list: --help prints the command's help in the admin's
// language on stdout (exit 0); a wrong flag gets one sentence in that
// language on stderr that points to `1crm-update CMD --help` (exit 2,
// cli.md). ok is false when the command ends here with code.
func parseSub(fs *flag.FlagSet, cmd string, args []string, o IO) (code int, ok bool) {
	t := text.For(langOf(args, o.Env))
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		subUsage(fs, cmd, t, o.Stdout)
		return ExitOK, false
	case err != nil:
		fmt.Fprintln(o.Stderr, "1crm-update "+cmd+": "+flagError(err, t, cmd))
		return ExitUsage, false
	}
	return ExitOK, true
}

// subUsage prints the help of cmd; the flag list comes from the flag set,
// described in the admin's language where a description exists.
func subUsage(fs *flag.FlagSet, cmd string, t text.Texts, w io.Writer) {
	fmt.Fprint(w, t.SubUsageHead(cmd))
	fs.VisitAll(func(f *flag.Flag) { f.Usage = t.SubFlagHelp(cmd, f.Name, f.Usage) })
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprint(w, t.SubUsageTail(cmd))
}

// runSim is `1crm-update sim` with its help and flag errors in the
// admin's language; --lang only chooses that language.
func runSim(args []string, o IO) int {
	return sim.MainWith(args, o.Stdout, o.Stderr, func(fs *flag.FlagSet, args []string) (int, bool) {
		fs.String("lang", "", "de|en")
		return parseSub(fs, "sim", args, o)
	})
}
