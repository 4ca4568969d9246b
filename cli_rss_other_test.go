//go:build !linux

package main

import "os"

// peakOf is unknown off Linux (ru_maxrss is in other units, or missing);
// the memory checks pass there trivially.
func peakOf(*os.ProcessState) int64 { return 0 }

func memoryBound(int, int64, int) int64 { return 1 << 62 }
