package main

import (
	"context"
	"log/slog"
	"net"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/publish"
)

// statusPage is the public page as configured: org names the organisation
// (the configured one, else the one the scenario names), "" a neutral title.
func (p *program) statusPage(org string) publish.Page {
	if p.cfg.Org.Name != "" {
		org = p.cfg.Org.Name
	}
	sp := p.cfg.StatusPage
	return publish.Page{
		Org: org, Loc: p.cfg.Loc, Lang: p.cfg.Lang, Base: sp.BaseURL,
		Contact: publish.Contact{Phone: sp.Contact.Phone, Address: sp.Contact.Address, Hours: sp.Contact.Hours},
	}
}

// statusSite is the folder the page is kept current in; nil when dir is "".
func (p *program) statusSite(dir, org string) *publish.Site {
	if dir == "" {
		return nil
	}
	return &publish.Site{Page: p.statusPage(org), Dir: dir}
}

// refreshStatusPage rewrites the page after the approval of a public update.
func (p *program) refreshStatusPage(ctx context.Context, site *publish.Site, st crisis.Store, d crisis.Draft) error {
	if site == nil || !d.Public() {
		return nil
	}
	return site.Refresh(ctx, st, p.now())
}

// serveStatusPage writes the page as the record stands, then serves its
// folder on statuspage.addr until ctx ends: a town whose web servers are
// down can point a spare machine, or a tunnel, at it. A failure to listen
// is logged, and the cell goes on: the page is a convenience, not the
// crisis record.
func (p *program) serveStatusPage(ctx context.Context, db crisis.Store, log *slog.Logger) {
	sp := p.cfg.StatusPage
	if site := p.statusSite(sp.Dir, p.cfg.Org.Name); site != nil {
		if err := site.Refresh(ctx, db, p.now()); err != nil {
			log.Error("status page", slog.Any("err", err))
		}
	}
	err := publish.Serve(ctx, sp.Addr, sp.Dir, func(a net.Addr) {
		log.Info("status page served", slog.String("addr", a.String()), slog.String("dir", sp.Dir))
	})
	if err != nil {
		log.Error("status page", slog.Any("err", err))
	}
}
