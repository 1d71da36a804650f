package doctor

import (
	"fmt"
	"strings"

	"github.com/visual4/1crm-update/crmclient/bytesize"
)

// texts holds every sentence doctor prints, one struct per language, so a
// missing translation is a compile error rather than a blank line.
type texts struct {
	Title                      func(url string) string
	StatusOK, StatusWarn       string
	StatusFail, StatusSkip     string
	ByHand                     string
	Labels                     map[string]string
	BadURL                     func(err string) string
	Unreachable                func(err string) string
	TLSUnknownCA               string
	TLSBad                     func(err string) string
	PlainHTTP                  string
	Insecure                   string
	Reached                    func(status int, tls string) string
	CertExpires                func(date string, days int) string
	LoginPageFound             string
	LoginPageMissing           string
	APIVersion                 func(v, edition string, products []string) string
	APINotAvailable            string
	APIPlainHTTP               string
	APINotOneCRM               string
	APIOther                   func(err string) string
	EditionFromAPI             func(e string) string
	EditionFromLicense         func(e string) string
	EditionUnknown             string
	PublicKeyOK                string
	PublicKeyFail              func(err string) string
	AuthOK                     func(name string) string
	AuthNone                   string
	AuthRejected               func(err string) string
	AuthSkipNoAPI              string
	AuthSkipNoLogin            string
	PagesHeading               string
	PageAuto                   string
	PageByHand                 func(why string) string
	PageUnchecked              func(why string) string
	WhyPageChanged             func(missing string) string
	WhyRedirectedHome          string
	UWizardNoUploadForm        string
	VerdictOKByHand            string
	DecimalComma               bool                     // German writes 1,5 where English writes 1.5
	NoPassword                 func(user string) string // user "" = none given
	UnknownUntilLogin          string
	LoginOK                    func(user string) string
	LoginWrong                 string
	LoginCaptcha               string
	LoginLocked                string
	LoginUnproven              func(missing string) string
	LoginPageUnknown           func(missing string) string
	LoginMaybeNotAdmin         func(missing string) string
	ServerSaid                 func(msg string) string
	LoginFail                  func(err string) string
	SkipNoLogin                string
	NotAdmin                   string
	PageChanged                func(page string) string
	LicenseOK                  func(licensee string, users int) string
	Unlicensed                 string
	SupportActive              func(end string, days int) string
	SupportExpiring            func(end string, days int) string
	SupportTrial               func(end string, days int) string
	SupportExpired             func(end string) string
	SupportNone                string
	UpdatesOffered             func(versions []string) string
	UpdatesNone                string
	Hosted                     string
	StartupOnPremise           string
	StartupCloud               string
	BackupOK                   func(filter string, n int, last string) string
	BackupNoDump               string
	BackupDumpOff              string
	PageUnreadable             func(err string) string
	UWizardOK                  func(uploaded, installed int) string
	UWizardUpgradesDisabled    string
	UWizardUploadDisabled      string
	UWizardInProgress          string
	UWizardRedirectedHome      string
	AutoHeading, ManualHead    string
	AutoVersion, AutoLicense   string
	AutoBackup, AutoUpload     string
	AutoInstall, AutoRESTCheck string
	AutoPageCheck              string
	ManualRestore              string
	ManualTests                string
	ManualBackup               string
	ManualRenew                string
	ManualPartnerInstall       string
	ManualRESTCheck            string
	ManualLogin                string
	ManualPages                string
	ManualGetPackage           string
	VerdictOK                  string
	VerdictPartial             string
	VerdictNo                  func(reasons []string) string
	ReasonUnreachable          string
	ReasonNotOneCRM            string
	ReasonLogin                string
	ReasonWrongPassword        string
	ReasonCaptcha              string
	ReasonLocked               string
	ReasonNotAdmin             string
	ReasonExpired              string
	ReasonUploadDisabled       string
}

// textsFor picks English for "en", "en_US", "en-GB"…; German otherwise
// (the project's default language).
func textsFor(lang string) *texts {
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		return &textEN
	}
	return &textDE
}

func list(items []string) string { return strings.Join(items, ", ") }

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// sizeOf is a byte count in binary units with the language's decimal mark
// ("147,9 MiB" / "147.9 MiB", as the wizard writes sizes), or rendered as
// it is when n is unknown.
func (t *texts) sizeOf(n int64, rendered string) string {
	if n <= 0 {
		return rendered
	}
	return bytesize.IEC(n, t.DecimalComma)
}
