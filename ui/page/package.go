package page

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
)

// pkg gets the update ZIP (W2): download a listed update (R4) or use a
// local file (R2, R3), then shows the local validation.
func (f Facts) pkg() Page {
	c := f.S.Package
	if !(f.V.Has("checked") || f.V.Has("manual")) || c == nil {
		return f.packageChoice()
	}
	p := Page{Blocks: []Block{
		Fact{Label: f.t.PackageFile(), Value: c.FileName},
		Fact{Label: f.t.PackageSize(), Value: f.t.Bytes(c.Size)},
		Fact{Label: f.t.PackageName(), Value: PackageLabel(c)},
	}}
	if !Mentioned(c.Verdicts, c.SHA256) {
		// The whole hash on one line: the admin may compare it with the vendor's.
		p.Blocks = append(p.Blocks, Fact{Label: "SHA-256", Value: c.SHA256, Tight: true})
	}
	p.Blocks = append(p.Blocks, Gap{})
	if by := f.settledByHand(steps.StepPackage); by != nil {
		p.Blocks = append(p.Blocks, by...)
		p.Blocks = append(p.Blocks, Gap{})
	}
	if c.OK {
		p.Blocks = append(p.Blocks, Heading{Mark: MarkOK, Text: f.t.PackageValid()})
	} else {
		p.Blocks = append(p.Blocks, Heading{Mark: MarkBad, Text: f.t.PackageInvalid()})
	}
	p.Blocks = append(p.Blocks, Verdicts{List: BySeverity(c.Verdicts)})
	if NeedsExtensionsNote(c) {
		p.Blocks = append(p.Blocks, Gap{}, Para{Text: f.t.PackageExtensionsNote(strings.Join(c.AffectedExtensions, ", "))})
	}
	other := &Action{ID: "other", Clear: "checked", Then: Then{Follow: Stay}}
	if c.OK {
		p.Choices = []Choice{f.onwardTo(steps.StepPath)}
	} else {
		p.Choices = []Choice{{ID: "other", Key: "d", Label: f.t.PackageChooseOther(), Do: other}}
	}
	p.Back = other
	return p
}

// packageChoice offers where the ZIP comes from.
func (f Facts) packageChoice() Page {
	intro := f.t.PackageIntro(f.orUnknown(f.S.Live.VersionBefore))
	if note := PackageSourceNote(f.t, f.S.Preflight, f.UI.SupportEmail); note != "" {
		intro += "\n" + note
	}
	p := Page{Blocks: []Block{Para{Text: intro}}}
	// The --package file is offered until it was checked and refused: then
	// offering it again as the first choice would only repeat the refusal.
	if file := f.UI.PackageFile; file != "" && !refused(f.S.Package, file) {
		p.Choices = append(p.Choices, Choice{ID: "preset", Key: "f", Label: f.t.PackageUsePreset(filepath.Base(file)),
			Do: f.validate(func(Arg) string { return file })})
	}
	if pf := f.S.Preflight; pf != nil {
		for i, u := range pf.Updates {
			p.Choices = append(p.Choices, Choice{ID: fmt.Sprintf("dl%d", i), Key: fmt.Sprint(i + 1),
				Label: f.t.PackageDownload(u.Version, u.Package), Do: f.download(u)})
		}
	}
	local := f.validate(func(a Arg) string { return ExpandPath(a.Text) })
	local.Ask = &Ask{Title: f.t.PackagePathTitle(), Help: f.t.PackagePathHelp(), Initial: f.UI.PackageFile, Validate: f.localZIP}
	p.Choices = append(p.Choices, Choice{ID: "file", Key: "d", Label: f.t.PackageLocalFile(), Do: local})
	if pf := f.S.Preflight; pf != nil && len(pf.Updates) > 0 {
		p.Choices = append(p.Choices, f.requestManual(steps.ManualDownload))
	}
	return p
}

// refused: c is a failed check of file.
func refused(c *steps.PackageCheck, file string) bool {
	return c != nil && !c.OK && (c.Path == file || c.Path == ExpandPath(file))
}

// localZIP refuses a typed path that is no file before anything is read.
func (f Facts) localZIP(p string) error {
	st, err := os.Stat(ExpandPath(p))
	if err != nil {
		return errors.New(f.t.PackagePathMissing())
	}
	if st.IsDir() {
		return errors.New(f.t.PackagePathIsDir())
	}
	return nil
}

// validate checks a local ZIP (W2); path says which.
func (f Facts) validate(path func(Arg) string) *Action {
	t := f.t
	return &Action{ID: "package file", Mark: "checked", Then: Then{Follow: Stay},
		Run: &Running{Server: t.ServerUnchanged(),
			// The label names the file, which is known once typed.
			Named: func(a Arg) string { return t.PackageChecking(filepath.Base(path(a))) }},
		Call: func(ctx context.Context, e Engine, a Arg, _ func(any)) (any, error) {
			return e.UsePackageFile(path(a))
		},
	}
}

// download fetches a listed update (R4) and validates it like a local file.
func (f Facts) download(u crmclient.AvailableUpdate) *Action {
	return &Action{ID: "download " + u.Version, Mark: "checked", Then: Then{Follow: Stay},
		Run: &Running{Label: f.t.PackageDownloading(u.Version), Server: f.t.ServerUnchanged(), Progress: Transfer},
		Call: func(ctx context.Context, e Engine, _ Arg, report func(any)) (any, error) {
			return e.DownloadUpdate(ctx, u, func(got, total int64) { report(Bytes{got, total}) })
		},
	}
}
