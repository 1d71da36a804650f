package sim

import (
	"crypto/sha1"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// listCap is the documented maximum page size (spec §1.1).
const listCap = 200

var (
	companyA = []string{"Alpen", "Berg", "Nord", "Süd", "Rhein", "Elb", "Hansa", "Isar", "Main", "Spree", "Weser", "Donau"}
	companyB = []string{"Logistik", "Bau", "Consulting", "Technik", "Handel", "Medien", "Software", "Energie", "Druck", "Maschinen"}
	companyC = []string{"GmbH", "AG", "KG", "GmbH & Co. KG", "e.K."}
	firsts   = []string{"Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Klara", "Lukas"}
	lasts    = []string{"Schmidt", "Müller", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein"}
	quoteFor = []string{"Website relaunch", "Annual maintenance", "CRM training", "Server hardware", "Consulting days", "Licence renewal"}
)

// recordID is a stable UUID-shaped id.
func recordID(model string, i int) string {
	h := sha1.Sum([]byte(fmt.Sprintf("%s/%d", model, i)))
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// buildRecords makes deterministic CRM data of the scenario's size.
func buildRecords(d DataSpec) map[string][]map[string]any {
	out := map[string][]map[string]any{}
	for i := 0; i < d.Accounts; i++ {
		name := fmt.Sprintf("%s %s %s", companyA[i%len(companyA)], companyB[(i/len(companyA))%len(companyB)], companyC[i%len(companyC)])
		if i >= len(companyA)*len(companyB) {
			name = fmt.Sprintf("%s %d", name, i/(len(companyA)*len(companyB))+1)
		}
		out["Account"] = append(out["Account"], map[string]any{
			"id": recordID("Account", i), "name": name, "_display": name, "account_type": "Customer",
			"industry": companyB[i%len(companyB)], "billing_address_city": []string{"Berlin", "Hamburg", "München", "Köln", "Leipzig"}[i%5],
			"phone_office": fmt.Sprintf("+49 30 %07d", 1000000+i*37), "email1": fmt.Sprintf("info%d@example.com", i),
			"date_modified": fmt.Sprintf("2025-%02d-%02d 10:%02d:00", i%12+1, i%28+1, i%60),
		})
	}
	for i := 0; i < d.Contacts; i++ {
		f, l := firsts[i%len(firsts)], lasts[(i/len(firsts))%len(lasts)]
		name := f + " " + l
		out["Contact"] = append(out["Contact"], map[string]any{
			"id": recordID("Contact", i), "name": name, "_display": name, "first_name": f, "last_name": l,
			"email1": fmt.Sprintf("%s.%s%d@example.com", strings.ToLower(f), strings.ToLower(l), i),
		})
	}
	for i := 0; i < d.Quotes; i++ {
		name := fmt.Sprintf("Q-2025-%04d %s", i+1, quoteFor[i%len(quoteFor)])
		acc := ""
		if accs := out["Account"]; len(accs) > 0 {
			acc = accs[i%len(accs)]["name"].(string)
		}
		out["Quote"] = append(out["Quote"], map[string]any{
			"id": recordID("Quote", i), "name": name, "_display": name, "quote_number": 1001 + i,
			"quote_stage": []string{"Draft", "Delivered", "Closed Accepted"}[i%3], "billing_account": acc,
			"amount": float64(1200+i*350) + 0.5, "currency": "EUR",
		})
	}
	out["Invoice"] = []map[string]any{}
	return out
}

var fieldMeta = map[string]map[string]map[string]any{
	"Account": {
		"id": {"vname": "ID", "type": "id"}, "name": {"vname": "Name", "type": "name", "required": true},
		"account_type": {"vname": "Type", "type": "enum"}, "industry": {"vname": "Industry", "type": "enum"},
		"billing_address_city": {"vname": "Billing City", "type": "varchar"}, "phone_office": {"vname": "Phone", "type": "phone"},
		"email1": {"vname": "Email", "type": "email"}, "date_modified": {"vname": "Date Modified", "type": "datetime"},
	},
	"Contact": {
		"id": {"vname": "ID", "type": "id"}, "name": {"vname": "Name", "type": "name"},
		"first_name": {"vname": "First Name", "type": "varchar"}, "last_name": {"vname": "Last Name", "type": "varchar", "required": true},
		"email1": {"vname": "Email", "type": "email"},
	},
	"Quote": {
		"id": {"vname": "ID", "type": "id"}, "name": {"vname": "Subject", "type": "name", "required": true},
		"quote_number": {"vname": "Quote Number", "type": "sequence_number"}, "quote_stage": {"vname": "Stage", "type": "enum"},
		"billing_account": {"vname": "Account", "type": "ref"}, "amount": {"vname": "Total", "type": "currency"},
	},
	"Invoice": {"id": {"vname": "ID", "type": "id"}, "name": {"vname": "Subject", "type": "name"}},
}

func modelNotFound(w http.ResponseWriter, model string) {
	apiError(w, http.StatusNotFound, "not_found", "Model "+model+" not found", "")
}

func (s *Server) metaFields(w http.ResponseWriter, model string) {
	f, ok := fieldMeta[model]
	if !ok {
		modelNotFound(w, model)
		return
	}
	filters := map[string]any{"name": map[string]any{"type": "text"}, "filter_text": map[string]any{"type": "text"}}
	writeJSON(w, 200, map[string]any{"fields": f, "filters": filters})
}

// listRecords is GET /data/{Model} with offset/limit paging (cap 200),
// fields[], filters[k], filter_text and order (spec §1.2).
func (s *Server) listRecords(w http.ResponseWriter, r *http.Request, model string) {
	all, ok := s.records[model]
	if !ok {
		modelNotFound(w, model)
		return
	}
	q := r.URL.Query()
	var hits []map[string]any
	ft := strings.ToLower(q.Get("filter_text"))
	filters := phpArray(q, "filters")
	for _, rec := range all {
		if ft != "" && !strings.Contains(strings.ToLower(fmt.Sprint(rec["name"])), ft) {
			continue
		}
		keep := true
		for k, v := range filters {
			keep = keep && strings.HasPrefix(strings.ToLower(fmt.Sprint(rec[k])), strings.ToLower(v))
		}
		if keep {
			hits = append(hits, rec)
		}
	}
	if o := strings.Fields(q.Get("order")); len(o) > 0 {
		desc := len(o) > 1 && strings.EqualFold(o[1], "desc")
		sort.SliceStable(hits, func(i, j int) bool {
			a, b := fmt.Sprint(hits[i][o[0]]), fmt.Sprint(hits[j][o[0]])
			if desc {
				return a > b
			}
			return a < b
		})
	}
	offset, _ := strconv.Atoi(q.Get("offset"))
	limit, err := strconv.Atoi(q.Get("limit"))
	if err != nil || limit <= 0 {
		limit = 20
	}
	limit = min(limit, listCap)
	offset = max(offset, 0)
	page := []map[string]any{}
	fields := q["fields[]"]
	for i := offset; i < len(hits) && i < offset+limit; i++ {
		page = append(page, project(hits[i], fields))
	}
	writeJSON(w, 200, map[string]any{"records": page, "total_results": len(hits)})
}

// phpArray reads name[key]=value query parameters.
func phpArray(q url.Values, name string) map[string]string {
	out := map[string]string{}
	for k, v := range q {
		if strings.HasPrefix(k, name+"[") && strings.HasSuffix(k, "]") && len(v) > 0 && k != name+"[]" {
			out[k[len(name)+1:len(k)-1]] = v[0]
		}
	}
	return out
}

// project keeps id, _display and the requested fields.
func project(rec map[string]any, fields []string) map[string]any {
	out := map[string]any{"id": rec["id"], "_display": rec["_display"]}
	if len(fields) == 0 {
		out["name"] = rec["name"]
		return out
	}
	for _, f := range fields {
		if v, ok := rec[f]; ok {
			out[f] = v
		}
	}
	return out
}

func (s *Server) findRecord(model, id string) (map[string]any, bool) {
	for _, rec := range s.records[model] {
		if rec["id"] == id {
			return rec, true
		}
	}
	return nil, false
}

// recordOr404 finds a record, or answers the API's 404 for an unknown
// model or id and reports false.
func (s *Server) recordOr404(w http.ResponseWriter, model, id string) (map[string]any, bool) {
	if _, ok := s.records[model]; !ok {
		modelNotFound(w, model)
		return nil, false
	}
	rec, ok := s.findRecord(model, id)
	if !ok {
		apiError(w, http.StatusNotFound, "not_found", "Record not found", "")
		return nil, false
	}
	return rec, true
}

func (s *Server) getRecord(w http.ResponseWriter, model, id string) {
	if rec, ok := s.recordOr404(w, model, id); ok {
		writeJSON(w, 200, map[string]any{"record": rec})
	}
}
