package publish

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// writePage writes p into a new folder and returns index.html.
func writePage(t *testing.T, p Page, ups []Update) (string, string) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, p.Write(dir, ups, caenAt(27, 15, 0)))
	index, err := os.ReadFile(filepath.Join(dir, IndexFile))
	require.NoError(t, err)
	return string(index), dir
}

var serviceRE = regexp.MustCompile(`(?s)<li class="(\w+)">(.*?)</li>`)

// TestStatusPageLeadsWithWhatResidentsNeed: issue 13. The page names the
// town, says the incident is ongoing, shows every service with its state
// in words (not colour alone), its workaround and since when, the town's
// contact, the current update apart from the past ones (folded), and the
// next update's time; "Mis à jour le" is the newest approval, not the time
// the page was written.
func TestStatusPageLeadsWithWhatResidentsNeed(t *testing.T) {
	index, dir := writePage(t, caenPage(locale.FR), caenUpdates)

	assert.Contains(t, index, "<title>Ville de Caen — Point de situation</title>")
	assert.Contains(t, index, "<h1>Ville de Caen — Point de situation</h1>")
	assert.Contains(t, index, "Incident en cours — <span class=\"detail\">2 services hors service, 2 services perturbés, 1 service fonctionne normalement</span>")
	assert.Contains(t, index, "Mis à jour le 27/09/2022 14:05", "got the generation time, want the newest approval")
	assert.NotContains(t, index, "27/09/2022 15:00", "the time the page was written is nowhere")
	assert.Contains(t, index, "Prochain point prévu le 27/09/2022 18:00.")

	got := map[string][3]string{}
	for _, m := range serviceRE.FindAllStringSubmatch(index, -1) {
		name := regexp.MustCompile(`<strong>(.*?)</strong>`).FindStringSubmatch(m[2])[1]
		word := regexp.MustCompile(`<span aria-hidden="true">.</span> ([^<]+)</span>`).FindStringSubmatch(m[2])
		require.NotNil(t, word, "service %s shows its state in words", name)
		got[name] = [3]string{m[1], word[1], m[2]}
	}
	for _, s := range caenServices {
		name := strings.ReplaceAll(s.Name, "'", "&#39;")
		g, ok := got[name]
		require.True(t, ok, "got no line for %s", s.Name)
		assert.Equal(t, s.Status, g[0], "%s: got class %s", s.Name, g[0])
		assert.Equal(t, map[string]string{"up": "Fonctionne", "degraded": "Perturbé", "down": "Hors service"}[s.Status], g[1], s.Name)
		if s.Workaround != "" {
			assert.Contains(t, g[2], "En attendant :</span> "+strings.ReplaceAll(s.Workaround, "'", "&#39;"), s.Name)
		}
		assert.Contains(t, g[2], "Depuis le "+locale.FormatTime(s.UpdatedAt, paris, locale.FR), s.Name)
	}
	assert.Less(t, strings.Index(index, "Messagerie"), strings.Index(index, "Bibliothèques"), "what does not work comes first")

	assert.Contains(t, index, `<a href="tel:0231304100">02 31 30 41 00</a>`)
	assert.Contains(t, index, "Esplanade Jean-Marie Louvel, 14027 Caen")
	assert.Contains(t, index, "du lundi au vendredi, 8 h 30 – 17 h 30")

	current := index[strings.Index(index, `<section aria-labelledby="current">`):strings.Index(index, `<section aria-labelledby="past">`)]
	assert.Contains(t, current, `<article id="u4">`, "the newest update is the current one")
	assert.Contains(t, current, `lang="fr"><p><strong>Français</strong></p>`)
	assert.Contains(t, current, `class="tr" lang="en"><p><strong>English</strong></p>`, "the English version sits beside the French")
	assert.Less(t, strings.Index(current, "Ville de Caen — point de situation"), strings.Index(current, "City of Caen — status update"), "French first")
	past := index[strings.Index(index, `<section aria-labelledby="past">`):]
	assert.Contains(t, past, `<article id="u1">`+"\n<details><summary><h3>Point du 27/09/2022 09:00</h3></summary>", "a past update is folded under its own heading")
	assert.NotContains(t, past, "u4")
	assert.NotContains(t, index, "<details open", "past updates are folded")

	assert.NotContains(t, index, "<script", "no JavaScript")
	assert.NotRegexp(t, `(src|href)="(https?:)?//`, index, "no outside asset")
	for _, landmark := range []string{"<header>", "<main>", "<footer>", `<meta name="description"`, `<meta property="og:title"`, `<link rel="icon" type="image/svg+xml" href="data:image/svg`} {
		assert.Contains(t, index, landmark)
	}
	assert.FileExists(t, filepath.Join(dir, FaviconFile))
	assert.Less(t, len(index), 12*1024, "got %d bytes, want a page a poor connection loads at once", len(index))
}

// TestStatusPageEnglishChrome: TOCSIN_LANG=en puts the page's own words in
// English, and still marks the French texts as French.
func TestStatusPageEnglishChrome(t *testing.T) {
	index, _ := writePage(t, caenPage(locale.EN), caenUpdates[1:])
	assert.Contains(t, index, `<html lang="en">`)
	assert.Contains(t, index, "Service status")
	assert.Contains(t, index, "Updated 2022-09-27 14:00")
	assert.Contains(t, index, `<ul class="svc" lang="fr">`, "the cell typed the services in French")
	assert.Contains(t, index, `<div lang="fr">`, "a French update is marked French")
	assert.NotContains(t, index, `<div lang="en">`)
	assert.Contains(t, index, `<span class="b" lang="en"><span aria-hidden="true">✕</span> Unavailable</span>`, "the page's own words in the French list are marked English")
}

// TestStatusPageResolvedAndEmpty: a closed crisis says so and announces no
// next update; a page with nothing published says that and nothing else.
func TestStatusPageResolvedAndEmpty(t *testing.T) {
	closed := append([]Update(nil), caenUpdates...)
	closed[0].Crisis.State, closed[0].Crisis.ClosedAt = "closed", caenAt(28, 10, 0)
	index, _ := writePage(t, caenPage(locale.FR), closed)
	assert.Contains(t, index, `<p class="state closed">Incident terminé le 28/09/2022 10:00</p>`)
	assert.NotContains(t, index, "Prochain point prévu")

	index, _ = writePage(t, Page{Loc: paris, Lang: locale.FR}, nil)
	assert.Contains(t, index, "<h1>Point de situation</h1>", "no organisation: a neutral title")
	assert.Contains(t, index, "Aucune information publiée pour le moment.")
	assert.NotContains(t, index, "Incident")
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Ville de Caen": "ville-de-caen", "Saint-Étienne Métropole": "saint-etienne-metropole", " Mairie  d'Évreux ": "mairie-d-evreux", "": ""} {
		assert.Equal(t, want, slug(in), "slug(%q)", in)
	}
}
