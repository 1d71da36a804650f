package manifest

import (
	"fmt"
	"strings"
)

// CopyRule is one entry of the manifest's copy list: From is relative to the
// ZIP root, To to the 1CRM root ("/" or "" = root) (spec §6.3).
type CopyRule struct {
	From, To string
}

// Manifest is the typed view of manifest.php (spec §6.3). Raw keeps the whole
// tree, including keys this program does not interpret (hooks, conditions…).
type Manifest struct {
	Name, Description, Author, PublishedDate string
	Version, Type, ID, ThemeID               string
	IsUninstallable                          bool
	RegexMatches, ExactMatches               []string // acceptable_sugar_versions
	Copy                                     []CopyRule
	Raw                                      map[string]any
}

// Field names in manifest.php.
const (
	keyAcceptable  = "acceptable_sugar_versions"
	keyRegex       = "regex_matches"
	keyExact       = "exact_matches"
	keyName        = "name"
	keyDescription = "description"
	keyAuthor      = "author"
	keyPublished   = "published_date"
	keyVersion     = "version"
	keyType        = "type"
	keyUninstall   = "is_uninstallable"
	keyID          = "id"
	keyThemeID     = "theme_id"
	keyCopy        = "copy"
)

// CoreID is the id of core update packages (type patch).
const CoreID = "InfoAtHand"

// Types lists the allowed package types (spec §6.3).
var Types = []string{"module", "langpack", "patch", "theme", "holidays", "pers_pack"}

// Parse reads manifest.php text. Syntax errors carry the line number and
// wrap ErrSyntax. It does not Validate.
func Parse(data []byte) (*Manifest, error) {
	raw, lines, err := parseTree(data)
	if err != nil {
		return nil, err
	}
	m, err := fromTree(raw)
	if se, ok := err.(*SyntaxError); ok && se.Line == 0 {
		se.Line = lines[se.key]
	}
	return m, err
}

func fromTree(raw map[string]any) (*Manifest, error) {
	m := &Manifest{Raw: raw}
	for key, dst := range map[string]*string{
		keyName: &m.Name, keyDescription: &m.Description, keyAuthor: &m.Author,
		keyPublished: &m.PublishedDate, keyVersion: &m.Version, keyType: &m.Type,
		keyID: &m.ID, keyThemeID: &m.ThemeID,
	} {
		s, err := scalarString(raw, key)
		if err != nil {
			return nil, err
		}
		*dst = s
	}
	var err error
	if m.IsUninstallable, err = uninstallable(raw[keyUninstall]); err != nil {
		return nil, err
	}
	if acc, ok := raw[keyAcceptable]; ok {
		am, ok := acc.(map[string]any)
		if !ok {
			return nil, &SyntaxError{key: keyAcceptable, Msg: keyAcceptable + " must hold regex_matches and/or exact_matches"}
		}
		if m.RegexMatches, err = stringList(am, keyRegex); err != nil {
			return nil, err
		}
		if m.ExactMatches, err = stringList(am, keyExact); err != nil {
			return nil, err
		}
	}
	rules, err := copyRules(raw[keyCopy])
	if err != nil {
		return nil, err
	}
	m.Copy = rules
	return m, nil
}

// uninstallable reads is_uninstallable: true/false, or the words 1/yes/true.
func uninstallable(v any) (bool, error) {
	switch x := v.(type) {
	case nil:
		return false, nil
	case bool:
		return x, nil
	case string:
		return x == "1" || strings.EqualFold(x, "yes") || strings.EqualFold(x, "true"), nil
	}
	return false, &SyntaxError{key: keyUninstall, Msg: keyUninstall + " must be true or false"}
}

func scalarString(raw map[string]any, key string) (string, error) {
	switch v := raw[key].(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case bool:
		return fmt.Sprint(v), nil
	}
	return "", &SyntaxError{key: key, Msg: fmt.Sprintf("%s must be a single value", key)}
}

// stringList accepts a "- item" list, or a single value as a one-item list.
func stringList(m map[string]any, key string) ([]string, error) {
	switch v := m[key].(type) {
	case nil:
		return nil, nil
	case []string:
		return v, nil
	case string:
		return []string{v}, nil
	case map[string]any:
		if len(v) == 0 { // "regex_matches" with nothing under it
			return nil, nil
		}
	}
	return nil, &SyntaxError{key: keyAcceptable + "." + key, Msg: fmt.Sprintf("%s.%s must be a list of \"- item\" lines", keyAcceptable, key)}
}

// copyRules reads the copy list ("--" items with from/to); a single map
// with from/to is accepted as one rule.
func copyRules(v any) ([]CopyRule, error) {
	var items []map[string]any
	switch c := v.(type) {
	case nil:
		return nil, nil
	case []map[string]any:
		items = c
	case map[string]any:
		if len(c) == 0 {
			return nil, nil
		}
		items = []map[string]any{c}
	default:
		return nil, &SyntaxError{key: keyCopy, Msg: keyCopy + ` must be a list of "--" items with from/to`}
	}
	rules := make([]CopyRule, 0, len(items))
	for _, it := range items {
		from, err := scalarString(it, "from")
		if err != nil {
			err.(*SyntaxError).key = keyCopy + "[].from"
			return nil, err
		}
		to, err := scalarString(it, "to")
		if err != nil {
			err.(*SyntaxError).key = keyCopy + "[].to"
			return nil, err
		}
		rules = append(rules, CopyRule{From: from, To: to})
	}
	return rules, nil
}

// IsCore reports whether this is a core update package: type patch with
// id InfoAtHand (spec §5.4 step 4, §6.3).
func (m *Manifest) IsCore() bool {
	return m.Type == "patch" && m.ID == CoreID
}

// Validate repeats the server's upload checks that need no server state
// (spec §5.2 ERR_EMPTY_TYPE_ID_VERSION, ERR_INVALID_TYPE; W2).
func (m *Manifest) Validate() error {
	if strings.TrimSpace(m.Type) == "" || strings.TrimSpace(m.ID) == "" || strings.TrimSpace(m.Version) == "" {
		return ErrEmptyTypeIDVersion
	}
	for _, t := range Types {
		if m.Type == t {
			if t == "theme" && strings.TrimSpace(m.ThemeID) == "" {
				return fmt.Errorf("%w: theme without theme_id", ErrInvalidType)
			}
			return nil
		}
	}
	return fmt.Errorf("%w: %q", ErrInvalidType, m.Type)
}
