package console

import (
	"bufio"
	"io"
)

// readLine returns the next line of r without its "\n" or "\r\n", and
// io.EOF once the input is done; a last line needs no newline. A line longer
// than max bytes is returned cut to max+1 bytes, the rest read and dropped:
// still over the limit, it is refused as too long, and no line, however
// long, holds more than that in memory or ends the session.
func readLine(r *bufio.Reader, max int) (string, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		// Two bytes past the limit leave room for the "\r\n" trimmed below.
		if room := max + 2 - len(line); room > 0 {
			line = append(line, chunk[:min(len(chunk), room)]...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(line) > 0:
			err = nil
		case err != nil:
			return "", err
		}
		// A cut line does not end with the newline ReadSlice stops at.
		if n := len(line); n > 0 && line[n-1] == '\n' {
			line = line[:n-1]
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1]
			}
		}
		if len(line) > max {
			line = line[:max+1]
		}
		return string(line), nil
	}
}
