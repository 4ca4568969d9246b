package site

import (
	"bytes"
	"io/fs"
	"sync"
)

type fileInfo = fs.FileInfo

const symlink = fs.ModeSymlink

// bufferPool reuses render buffers across pages: a build of thousands of
// pages would otherwise allocate and grow a new buffer for each.
type bufferPool struct{ p sync.Pool }

func newBufferPool() *bufferPool {
	return &bufferPool{p: sync.Pool{New: func() any { return new(bytes.Buffer) }}}
}

func (bp *bufferPool) get() *bytes.Buffer {
	b := bp.p.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

func (bp *bufferPool) put(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return // do not keep one huge page's buffer alive
	}
	bp.p.Put(b)
}
