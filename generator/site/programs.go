package site

import "github.com/stance-ssg/stance/generator/output"

type programJob struct{}

func (b *builder) planPrograms() error { return nil }

func (b *builder) programJobs(dest *output.Dest) []func() error { return nil }
