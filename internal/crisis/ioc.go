package crisis

import (
	"encoding/hex"
	"fmt"
	"net/mail"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

var domainLabelRe = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// NormalizeIndicator checks value against kind and returns its canonical
// form: an IP as the parser prints it, a domain, hash or e-mail in lower
// case. A "defanged" value (hxxp, [.]) is refanged first, since analysts
// often paste indicators that way.
func NormalizeIndicator(kind, value string) (string, error) {
	kind = strings.ToLower(strings.TrimSpace(kind))
	value = refang(strings.TrimSpace(value))
	if value == "" {
		return "", locale.Errorf(ErrInvalid, "err.required", "value")
	}
	bad := func() error { return locale.Errorf(ErrInvalid, "err.ioc."+kind, value) }
	switch kind {
	case "ip":
		if p, err := netip.ParsePrefix(value); err == nil {
			return p.Masked().String(), nil
		}
		a, err := netip.ParseAddr(value)
		if err != nil {
			return "", bad()
		}
		return a.Unmap().String(), nil
	case "domain":
		d := strings.TrimSuffix(strings.ToLower(value), ".")
		if !validDomain(d) {
			return "", bad()
		}
		return d, nil
	case "url":
		u, err := url.Parse(value)
		if err != nil || u.Host == "" || !slices.Contains([]string{"http", "https", "ftp", "ftps", "ws", "wss"}, strings.ToLower(u.Scheme)) {
			return "", bad()
		}
		return u.String(), nil
	case "hash":
		h := strings.ToLower(value)
		if _, err := hex.DecodeString(h); err != nil || !slices.Contains([]int{32, 40, 64, 128}, len(h)) {
			return "", bad()
		}
		return h, nil
	case "email":
		a, err := mail.ParseAddress(value)
		if err != nil || a.Address != value && a.Name == "" {
			return "", bad()
		}
		at := strings.LastIndex(a.Address, "@")
		if at < 1 || !validDomain(strings.ToLower(a.Address[at+1:])) {
			return "", bad()
		}
		return strings.ToLower(a.Address), nil
	case "account":
		if len(value) > 256 || strings.ContainsAny(value, " \t") {
			return "", bad()
		}
		return value, nil
	}
	return "", locale.Errorf(ErrInvalid, "err.choice", "kind", kind, strings.Join(IndicatorKinds, ", "))
}

func validDomain(d string) bool {
	if len(d) > 253 {
		return false
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !domainLabelRe.MatchString(l) {
			return false
		}
	}
	// A domain whose last label is all digits is an IP address in disguise.
	return strings.Trim(labels[len(labels)-1], "0123456789") != ""
}

func refang(s string) string {
	r := strings.NewReplacer("[.]", ".", "(.)", ".", "[dot]", ".", "[@]", "@", "[at]", "@", "hxxp", "http", "[:]", ":")
	return r.Replace(s)
}

// AddIndicator records an indicator of compromise; the same value twice is
// refused, naming the first, unless the first was withdrawn: recording it
// again corrects the retraction.
func (op *Op) AddIndicator(c Crisis, kind, value, note string) (Indicator, error) {
	if err := MustBeOpen(c); err != nil {
		return Indicator{}, err
	}
	norm, err := NormalizeIndicator(kind, value)
	if err != nil {
		return Indicator{}, err
	}
	kind = strings.ToLower(strings.TrimSpace(kind))
	existing, _, err := StandingIndicators(op.Tx, c.ID)
	if err != nil {
		return Indicator{}, err
	}
	for _, i := range existing {
		if i.Kind == kind && i.Value == norm {
			return Indicator{}, locale.Errorf(ErrConflict, "err.ioc.dup", norm, i.ID)
		}
	}
	i := Indicator{CrisisID: c.ID, Kind: kind, Value: norm, Note: strings.TrimSpace(note), AddedAt: op.Now, AddedBy: op.Actor.ID}
	if err := op.Tx.AddIndicator(&i); err != nil {
		return Indicator{}, fmt.Errorf("add indicator: %w", err)
	}
	named := IndicatorKindIn(op.cellLang(), kind)
	if i.Note != "" {
		return i, op.Logf(c, LogIOC, "log.ioc.note", named, norm, i.Note)
	}
	return i, op.Logf(c, LogIOC, "log.ioc", named, norm)
}
