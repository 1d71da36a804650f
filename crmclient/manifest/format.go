package manifest

import (
	"bytes"
	"slices"
	"sort"
	"strings"
)

// keyOrder is the order Format writes known keys in, as real manifests do;
// other keys follow alphabetically.
var keyOrder = []string{
	keyAcceptable, keyName, keyDescription, keyAuthor, keyPublished, keyVersion,
	keyType, keyUninstall, keyID, keyThemeID, keyCopy,
}

// Format writes m in manifest.php syntax (PHP header, tab indentation).
// Typed fields win over Raw; keys only in Raw are kept. Parse(Format(m))
// gives back m for every m that Parse produced. Newlines inside values
// cannot be written and become spaces.
func Format(m *Manifest) []byte {
	tree := m.tree()
	var b bytes.Buffer
	b.WriteString("<?php ?>\n")
	writeMap(&b, tree, 0)
	return b.Bytes()
}

// tree merges the typed fields into a shallow copy of Raw.
func (m *Manifest) tree() map[string]any {
	t := make(map[string]any, len(m.Raw)+len(keyOrder))
	for k, v := range m.Raw {
		t[k] = v
	}
	// Raw values that already read as the typed value stay as they are
	// (name: true stays a bool, is_uninstallable: yes stays a word).
	setString := func(key, v string) {
		if old, err := scalarString(m.Raw, key); err == nil && old == v {
			return
		}
		t[key] = v
	}
	setString(keyName, m.Name)
	setString(keyDescription, m.Description)
	setString(keyAuthor, m.Author)
	setString(keyPublished, m.PublishedDate)
	setString(keyVersion, m.Version)
	setString(keyType, m.Type)
	setString(keyID, m.ID)
	setString(keyThemeID, m.ThemeID)
	if old, err := uninstallable(m.Raw[keyUninstall]); err != nil || old != m.IsUninstallable {
		t[keyUninstall] = m.IsUninstallable
	}

	acc, _ := m.Raw[keyAcceptable].(map[string]any)
	if acc != nil || len(m.RegexMatches) > 0 || len(m.ExactMatches) > 0 {
		merged := make(map[string]any, len(acc)+2)
		for k, v := range acc {
			merged[k] = v
		}
		setList(merged, keyRegex, m.RegexMatches)
		setList(merged, keyExact, m.ExactMatches)
		t[keyAcceptable] = merged
	}

	if old, err := copyRules(m.Raw[keyCopy]); err != nil || !slices.Equal(old, m.Copy) {
		t[keyCopy] = m.copyTree()
	}
	return t
}

// setList puts a typed list into acc unless acc already holds the same
// list in another accepted spelling (a single value, an empty block).
func setList(acc map[string]any, key string, list []string) {
	if old, err := stringList(acc, key); err == nil && slices.Equal(old, list) {
		return
	}
	if len(list) == 0 {
		delete(acc, key)
		return
	}
	acc[key] = list
}

// copyTree keeps extra keys of Raw's copy items when the rule count matches.
func (m *Manifest) copyTree() any {
	old, _ := m.Raw[keyCopy].([]map[string]any)
	if single, ok := m.Raw[keyCopy].(map[string]any); ok && len(single) > 0 {
		old = []map[string]any{single}
	}
	items := make([]map[string]any, len(m.Copy))
	for i, r := range m.Copy {
		item := map[string]any{}
		if len(old) == len(m.Copy) {
			for k, v := range old[i] {
				item[k] = v
			}
		}
		if old, err := scalarString(item, "from"); err != nil || old != r.From {
			item["from"] = r.From
		}
		if old, err := scalarString(item, "to"); err != nil || old != r.To {
			item["to"] = r.To
		}
		items[i] = item
	}
	if len(items) == 0 {
		return map[string]any{}
	}
	return items
}

func writeMap(b *bytes.Buffer, m map[string]any, depth int) {
	for _, k := range orderedKeys(m, depth) {
		writeValue(b, k, m[k], depth)
	}
}

func orderedKeys(m map[string]any, depth int) []string {
	var known, rest []string
	if depth == 0 {
		for _, k := range keyOrder {
			if _, ok := m[k]; ok {
				known = append(known, k)
			}
		}
	}
	for k := range m {
		if depth != 0 || !isKnown(k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(known, rest...)
}

func isKnown(k string) bool {
	for _, o := range keyOrder {
		if o == k {
			return true
		}
	}
	return false
}

func writeValue(b *bytes.Buffer, key string, v any, depth int) {
	indent := strings.Repeat("\t", depth)
	switch x := v.(type) {
	case bool:
		b.WriteString(indent + key + ": ")
		if x {
			b.WriteString("true\n")
		} else {
			b.WriteString("false\n")
		}
	case string:
		b.WriteString(indent + key + ": " + quoteScalar(x) + "\n")
	case []string:
		b.WriteString(indent + key + "\n")
		for _, s := range x {
			b.WriteString(indent + "\t- " + quoteItem(s) + "\n")
		}
	case []map[string]any:
		b.WriteString(indent + key + "\n")
		for _, item := range x {
			b.WriteString(indent + "\t--\n")
			writeMap(b, item, depth+2)
		}
	case map[string]any:
		b.WriteString(indent + key + "\n")
		writeMap(b, x, depth+1)
	}
}

// quoteItem quotes a list item when Parse would otherwise change it:
// empty, surrounding whitespace, already wrapped in a quote pair, or
// holding a " #" that would start a comment. It takes the first of s,
// "s" and 's' that reads back as s; a value that none of them carries
// (a quote of each kind around comment marks) is written double-quoted.
func quoteItem(s string) string {
	s = oneLine(s)
	for _, c := range []string{s, `"` + s + `"`, "'" + s + "'"} {
		if readsBack(c, s) {
			return c
		}
	}
	return `"` + s + `"`
}

// readsBack reports whether the list item text "- "+c parses as s.
func readsBack(c, s string) bool {
	if c == "" {
		return false
	}
	return unquote(trim(cutComment("- " + c)[1:])) == s
}

// quoteScalar also quotes the words true/false so they stay strings.
func quoteScalar(s string) string {
	if q := quoteItem(s); q != s {
		return q
	}
	if l := strings.ToLower(s); l == "true" || l == "false" {
		return `"` + s + `"`
	}
	return s
}

func oneLine(s string) string {
	return strings.ReplaceAll(s, "\n", " ")
}
