package publish

import "net/url"

// faviconSVG is the page's icon: a bell, the tocsin. The page links it as a
// data: address, so a browser asks the server for nothing (no 404 for
// /favicon.ico in the logs of a host set up in a hurry), and it is also
// written beside index.html for the tools that fetch it by name.
const faviconSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#8a1c1c"/><path d="M8 2.5a1 1 0 0 1 1 1v.4a3.6 3.6 0 0 1 2.6 3.5v2.4l1.2 1.5v.7H3.2v-.7l1.2-1.5V7.4A3.6 3.6 0 0 1 7 3.9v-.4a1 1 0 0 1 1-1zM6.6 12.7h2.8a1.4 1.4 0 0 1-2.8 0z" fill="#fff"/></svg>`

// faviconHref is faviconSVG as a data: address for <link rel="icon">.
func faviconHref() string {
	return "data:image/svg+xml," + url.PathEscape(faviconSVG)
}
