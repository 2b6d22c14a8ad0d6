;; SIMD weight-quantisation kernels over a row-major float32 matrix W[K, N] in linear memory.
;; Columns are processed 4 (scales) or 16 (codes) at a time, so N must be a multiple of 16 (callers
;; fall back to the scalar kernels otherwise). Every step is the f32 arithmetic the scalar kernels
;; spell out with Math.fround, in the same order, so both give the same bits.
;;
;; Symmetric blocks follow ONNX Runtime's MLAS rule (MlasQuantizeBlockwise): the block's value of
;; largest magnitude, with its sign, maps to -half, so all 2·half levels are used; a code is
;; roundf(w · (1/scale) + half) clamped to [0, 2·half - 1]. roundf is trunc(y + 0.5) here: for
;; y = fround(x + half) with half 8 or 128 the f32 sum y + 0.5 never rounds across an integer.
;;
;; The scale search (`-mse`) scores candidate ratios r of a column's block: scale(r), codes
;; q = nearest(clamp(w / scale(r))), and the gain (Σw·q)² / Σq² (the error those codes leave once
;; refitted by least squares is Σw² minus it). Three coarse ratios, then the best one a step
;; towards its least-squares scale; the codes of the winner's least-squares scale are kept, stored
;; with their own least-squares scale (and, for blocks, packed in that same pass).
(module
  (memory (export "memory") 1)

  ;; s where |s| is a normal float, else 1 (a block of zeros, or too small to scale).
  (func $fix (param $s v128) (result v128)
    (local $a v128)
    (local.set $a (f32x4.abs (local.get $s)))
    (v128.bitselect (local.get $s) (f32x4.splat (f32.const 1))
      (v128.and (f32x4.ge (local.get $a) (f32x4.splat (f32.const 0x1p-126)))
                (f32x4.lt (local.get $a) (f32x4.splat (f32.const inf))))))

  ;; The scale search works on a tile: one K-block of 16 columns copied out contiguously, 64 bytes
  ;; a row (an even count of rows), so that its passes read L1-resident lines rather than lines N
  ;; floats apart, which fall in a few cache sets and evict each other. Lanes are columns; the
  ;; passes run a quad (4 columns) at a time, two rows a turn.
  ;;
  ;; Σw·q and Σq² of three candidates (inverse scales $i1…$i3) on a quad of the tile (rows from $p
  ;; to $end), codes q = nearest(clamp(w · inv, lo, hi)), sums row by row. One pass scores the
  ;; three: independent chains keep the vector units busy. pmin/pmax are one instruction where
  ;; min/max are NaN-aware sequences; they agree here (no NaN, and the bounds are not zero). The
  ;; first candidate is the grid's top ratio, whose codes fit the levels unclamped (its extreme
  ;; lands on ±(half - 1), or ±127 per channel), so it skips the clamp.
  (func $criterion3 (param $p i32) (param $end i32) (param $i1 v128) (param $i2 v128) (param $i3 v128)
                    (param $lo v128) (param $hi v128) (result v128 v128 v128 v128 v128 v128)
    (local $v v128) (local $q v128) (local $a1 v128) (local $c1 v128) (local $a2 v128) (local $c2 v128) (local $a3 v128) (local $c3 v128)
    (loop $rows
      (local.set $v (v128.load (local.get $p)))
      (local.set $q (f32x4.nearest (f32x4.mul (local.get $v) (local.get $i1))))
      (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $q (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $i2))
                                                           (local.get $lo)) (local.get $hi))))
      (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $q (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $i3))
                                                           (local.get $lo)) (local.get $hi))))
      (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $v (v128.load offset=64 (local.get $p)))
      (local.set $q (f32x4.nearest (f32x4.mul (local.get $v) (local.get $i1))))
      (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $q (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $i2))
                                                           (local.get $lo)) (local.get $hi))))
      (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $q (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $i3))
                                                           (local.get $lo)) (local.get $hi))))
      (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $p (i32.add (local.get $p) (i32.const 128)))
      (br_if $rows (i32.lt_u (local.get $p) (local.get $end))))
    (local.get $a1) (local.get $c1) (local.get $a2) (local.get $c2) (local.get $a3) (local.get $c3))

  ;; The same for one candidate on two quads (the second at +16, inverse scales $i1, $i2): one
  ;; quad's sums alone are a dependent chain.
  (func $criterion1x2 (param $p i32) (param $end i32) (param $i1 v128) (param $i2 v128)
                      (param $lo v128) (param $hi v128) (result v128 v128 v128 v128)
    (local $v v128) (local $q v128) (local $a1 v128) (local $c1 v128) (local $a2 v128) (local $c2 v128)
    (loop $rows
      (local.set $v (v128.load (local.get $p)))
      (local.set $q (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $i1))
                                                           (local.get $lo)) (local.get $hi))))
      (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $v (v128.load offset=16 (local.get $p)))
      (local.set $q (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $i2))
                                                           (local.get $lo)) (local.get $hi))))
      (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $v (v128.load offset=64 (local.get $p)))
      (local.set $q (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $i1))
                                                           (local.get $lo)) (local.get $hi))))
      (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $v (v128.load offset=80 (local.get $p)))
      (local.set $q (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $i2))
                                                           (local.get $lo)) (local.get $hi))))
      (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $p (i32.add (local.get $p) (i32.const 128)))
      (br_if $rows (i32.lt_u (local.get $p) (local.get $end))))
    (local.get $a1) (local.get $c1) (local.get $a2) (local.get $c2))

  ;; Least-squares scale Σw·q / Σq² on a quad of the tile of the codes q = code - half that
  ;; pack_block* writes for inv ($rint 0), or of q = clamp(nearest(w · inv), lo, hi) that
  ;; quantize_channel writes ($rint 1); $fallback where that is not a normal float (every code 0).
  (func $refit (param $p i32) (param $end i32) (param $inv v128) (param $half v128) (param $lo v128)
               (param $hi v128) (param $rint i32) (param $fallback v128) (result v128)
    (local $v v128) (local $q v128) (local $a v128) (local $c v128) (local $s v128) (local $round v128)
    (local.set $round (f32x4.splat (f32.const 0.5)))
    (loop $rows
      (local.set $v (v128.load (local.get $p)))
      (local.set $q (f32x4.mul (local.get $v) (local.get $inv)))
      (local.set $q
        (if (result v128) (local.get $rint)
          (then (f32x4.nearest (local.get $q)))
          (else (f32x4.sub (f32x4.trunc (f32x4.add (f32x4.add (local.get $q) (local.get $half))
                                                   (local.get $round)))
                           (local.get $half)))))
      (local.set $q (f32x4.pmin (f32x4.pmax (local.get $q) (local.get $lo)) (local.get $hi)))
      (local.set $a (f32x4.add (local.get $a) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c (f32x4.add (local.get $c) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $v (v128.load offset=64 (local.get $p)))
      (local.set $q (f32x4.mul (local.get $v) (local.get $inv)))
      (local.set $q
        (if (result v128) (local.get $rint)
          (then (f32x4.nearest (local.get $q)))
          (else (f32x4.sub (f32x4.trunc (f32x4.add (f32x4.add (local.get $q) (local.get $half))
                                                   (local.get $round)))
                           (local.get $half)))))
      (local.set $q (f32x4.pmin (f32x4.pmax (local.get $q) (local.get $lo)) (local.get $hi)))
      (local.set $a (f32x4.add (local.get $a) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c (f32x4.add (local.get $c) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $p (i32.add (local.get $p) (i32.const 128)))
      (br_if $rows (i32.lt_u (local.get $p) (local.get $end))))
    (local.set $s (f32x4.div (local.get $a) (local.get $c)))
    (v128.bitselect (local.get $s) (local.get $fallback)
      (v128.and (f32x4.gt (local.get $c) (f32x4.splat (f32.const 0)))
                (f32x4.eq (call $fix (local.get $s)) (local.get $s)))))

;; The Lloyd step of the block search on two quads of the tile (rows from $p to $end, the second
  ;; at +16; one quad's sums alone are a dependent chain): least-squares scales Σw·q / Σq² of the
  ;; codes q = nearest(clamp(w · inv, lo, hi)) (the criterion's; $fallback where that is not a
  ;; normal float), which it also writes as unsigned bytes q + half, so the search's blocks need no
  ;; pass of their own to pack. Bytes go from $bytes, 16 a row of the tile's 16 columns (these
  ;; quads' 8 at +0): a row pair's code[r] | code[r + 1] << 4 with $nibbles, else a row's code,
  ;; ready for $transpose16.
  (func $refit_pack (param $p i32) (param $end i32) (param $inv v128) (param $inv2 v128)
                    (param $lo v128) (param $hi v128) (param $fallback v128) (param $fallback2 v128)
                    (param $nibbles i32) (param $bytes i32) (result v128 v128)
    (local $v v128) (local $q v128) (local $q2 v128) (local $r v128) (local $r2 v128) (local $s v128)
    (local $a v128) (local $c v128) (local $a2 v128) (local $c2 v128) (local $offset v128) (local $byte v128)
    ;; Whole floats in [0, 255] become i32 lanes by adding 2^23 (the value is then a float's low
    ;; byte), cheaper than i32x4.trunc_sat, a sequence on x64. The offset also adds half to each
    ;; code: (q + 2^23 + 17 half) + 16 q2 is a row pair's byte, q + 2^23 + half a row's.
    (local.set $offset (f32x4.add (f32x4.splat (f32.const 0x1p23))
      (f32x4.mul (f32x4.neg (local.get $lo))
        (if (result v128) (local.get $nibbles)
          (then (f32x4.splat (f32.const 17))) (else (f32x4.splat (f32.const 1)))))))
    (local.set $byte (i32x4.splat (i32.const 255)))
    (loop $rows
      (local.set $v (v128.load (local.get $p)))
      (local.set $q (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $inv))
                                                             (local.get $lo)) (local.get $hi))))
      (local.set $a (f32x4.add (local.get $a) (f32x4.mul (local.get $v) (local.get $q))))
      (local.set $c (f32x4.add (local.get $c) (f32x4.mul (local.get $q) (local.get $q))))
      (local.set $v (v128.load offset=64 (local.get $p)))
      (local.set $q2 (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $inv))
                                                             (local.get $lo)) (local.get $hi))))
      (local.set $a (f32x4.add (local.get $a) (f32x4.mul (local.get $v) (local.get $q2))))
      (local.set $c (f32x4.add (local.get $c) (f32x4.mul (local.get $q2) (local.get $q2))))
      (if (local.get $nibbles)
        (then (local.set $q (v128.and (f32x4.add (f32x4.add (local.get $q) (f32x4.mul (local.get $q2) (v128.const f32x4 16 16 16 16))) (local.get $offset)) (local.get $byte))))
        (else
          (local.set $q (v128.and (f32x4.add (local.get $q) (local.get $offset)) (local.get $byte)))
          (local.set $q2 (v128.and (f32x4.add (local.get $q2) (local.get $offset)) (local.get $byte)))))
      (local.set $v (v128.load offset=16 (local.get $p)))
      (local.set $r (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $inv2))
                                                             (local.get $lo)) (local.get $hi))))
      (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (local.get $r))))
      (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $r) (local.get $r))))
      (local.set $v (v128.load offset=80 (local.get $p)))
      (local.set $r2 (f32x4.nearest (f32x4.pmin (f32x4.pmax (f32x4.mul (local.get $v) (local.get $inv2))
                                                             (local.get $lo)) (local.get $hi))))
      (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (local.get $r2))))
      (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $r2) (local.get $r2))))
      (if (local.get $nibbles)
        (then (local.set $r (v128.and (f32x4.add (f32x4.add (local.get $r) (f32x4.mul (local.get $r2) (v128.const f32x4 16 16 16 16))) (local.get $offset)) (local.get $byte))))
        (else
          (local.set $r (v128.and (f32x4.add (local.get $r) (local.get $offset)) (local.get $byte)))
          (local.set $r2 (v128.and (f32x4.add (local.get $r2) (local.get $offset)) (local.get $byte)))))
      (if (local.get $nibbles)
        (then
          (local.set $q (i16x8.narrow_i32x4_u (local.get $q) (local.get $r)))
          (v128.store64_lane 0 (local.get $bytes) (i8x16.narrow_i16x8_u (local.get $q) (local.get $q)))
          (local.set $bytes (i32.add (local.get $bytes) (i32.const 16))))
        (else
          (local.set $q (i8x16.narrow_i16x8_u (i16x8.narrow_i32x4_u (local.get $q) (local.get $r))
                                              (i16x8.narrow_i32x4_u (local.get $q2) (local.get $r2))))
          (v128.store64_lane 0 (local.get $bytes) (local.get $q))
          (v128.store64_lane offset=16 1 (local.get $bytes) (local.get $q))
          (local.set $bytes (i32.add (local.get $bytes) (i32.const 32)))))
      (local.set $p (i32.add (local.get $p) (i32.const 128)))
      (br_if $rows (i32.lt_u (local.get $p) (local.get $end))))
    (local.set $s (f32x4.div (local.get $a) (local.get $c)))
    (v128.bitselect (local.get $s) (local.get $fallback)
      (v128.and (f32x4.gt (local.get $c) (f32x4.splat (f32.const 0)))
                (f32x4.eq (call $fix (local.get $s)) (local.get $s))))
    (local.set $s (f32x4.div (local.get $a2) (local.get $c2)))
    (v128.bitselect (local.get $s) (local.get $fallback2)
      (v128.and (f32x4.gt (local.get $c2) (f32x4.splat (f32.const 0)))
                (f32x4.eq (call $fix (local.get $s)) (local.get $s))))
  )

  ;; The search on the 16 columns of a tile (rows from $tile to $end): base values at $base (the
  ;; signed extreme, or max |w|), the default scales at $scales, replaced by the chosen ones, and
  ;; the inverses their codes use to $inv. Three coarse ratios at $ratios, then the best a $step
  ;; up (at most $top) where its least-squares scale is larger, else down, then one Lloyd step
  ;; from the winner ($refit_pack's codes from $bytes with $pack 4 or 8, else $refit's). A ratio's scale is fix(base · r / div),
  ;; or fix(base · r · div) with $recip (div then the exact inverse of a power of two). Stage by
  ;; stage over the 4 quads, the state in memory at $st (768 bytes): a quad's divisions and
  ;; selections then overlap the next quad's pass instead of stalling between passes. fix is
  ;; written out: V8 does not inline wasm calls, and each call spills every live v128.
  (func $search16 (param $tile i32) (param $end i32) (param $st i32) (param $base i32)
                  (param $scales i32) (param $inv i32) (param $div v128) (param $recip i32)
                  (param $lo v128) (param $hi v128) (param $ratios i32) (param $step v128)
                  (param $top v128) (param $half v128) (param $rint i32) (param $pack i32)
                  (param $bytes i32)
    (local $o i32) (local $x i32) (local $j i32) (local $one v128) (local $tiny v128) (local $inf v128)
    (local $b v128) (local $r v128) (local $t v128) (local $a v128) (local $c v128) (local $a2 v128)
    (local $c2 v128) (local $a3 v128) (local $c3 v128) (local $g v128) (local $m v128)
    (local $bestG v128) (local $bestR v128) (local $bestA v128) (local $bestC v128) (local $s v128)
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $tiny (f32x4.splat (f32.const 0x1p-126)))
    (local.set $inf (f32x4.splat (f32.const inf)))
    ;; The coarse ratios' inverse scales, to st + 0, 64, 128.
    (loop $quads
      (local.set $b (v128.load (i32.add (local.get $base) (local.get $o))))
      (local.set $j (i32.const 0))
      (loop $ratio
        (local.set $t (f32x4.mul (local.get $b)
          (v128.load32_splat (i32.add (local.get $ratios) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $t (if (result v128) (local.get $recip)
          (then (f32x4.mul (local.get $t) (local.get $div)))
          (else (f32x4.div (local.get $t) (local.get $div)))))
        (local.set $a (f32x4.abs (local.get $t)))
        (v128.store (i32.add (i32.add (local.get $st) (local.get $o)) (i32.shl (local.get $j) (i32.const 6)))
          (f32x4.div (local.get $one) (v128.bitselect (local.get $t) (local.get $one)
            (v128.and (f32x4.ge (local.get $a) (local.get $tiny)) (f32x4.lt (local.get $a) (local.get $inf))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $ratio (i32.lt_u (local.get $j) (i32.const 3))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $quads (i32.lt_u (local.get $o) (i32.const 64))))
    (local.set $o (i32.const 0))
    (loop $quads
      (local.set $x (i32.add (local.get $st) (local.get $o)))
      (call $criterion3 (i32.add (local.get $tile) (local.get $o)) (i32.add (local.get $end) (local.get $o))
        (v128.load (local.get $x)) (v128.load offset=64 (local.get $x))
        (v128.load offset=128 (local.get $x)) (local.get $lo) (local.get $hi))
      (local.set $c3) (local.set $a3) (local.set $c2) (local.set $a2) (local.set $c) (local.set $a)
      (v128.store offset=192 (local.get $x) (local.get $a))
      (v128.store offset=256 (local.get $x) (local.get $c))
      (v128.store offset=320 (local.get $x) (local.get $a2))
      (v128.store offset=384 (local.get $x) (local.get $c2))
      (v128.store offset=448 (local.get $x) (local.get $a3))
      (v128.store offset=512 (local.get $x) (local.get $c3))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $quads (i32.lt_u (local.get $o) (i32.const 64))))
    ;; Each candidate in turn replaces the best where its gain a² / c is greater (NaN, every code
    ;; 0, never is), keeping its ratio and sums (st + 576, 640, 704: gain, Σw·q, Σq²). Then the
    ;; fine ratio's inverse scale, to st + 0.
    (local.set $o (i32.const 0))
    (loop $quads
      (local.set $x (i32.add (local.get $st) (local.get $o)))
      (local.set $bestG (f32x4.splat (f32.const -1)))
      (local.set $bestR (local.get $one))
      (local.set $j (i32.const 0))
      (loop $ratio
        (local.set $a (v128.load offset=192 (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 7)))))
        (local.set $c (v128.load offset=256 (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 7)))))
        (local.set $g (f32x4.div (f32x4.mul (local.get $a) (local.get $a)) (local.get $c)))
        (local.set $m (f32x4.gt (local.get $g) (local.get $bestG)))
        (local.set $bestG (v128.bitselect (local.get $g) (local.get $bestG) (local.get $m)))
        (local.set $bestA (v128.bitselect (local.get $a) (local.get $bestA) (local.get $m)))
        (local.set $bestC (v128.bitselect (local.get $c) (local.get $bestC) (local.get $m)))
        (local.set $bestR (v128.bitselect
          (v128.load32_splat (i32.add (local.get $ratios) (i32.shl (local.get $j) (i32.const 2))))
          (local.get $bestR) (local.get $m)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $ratio (i32.lt_u (local.get $j) (i32.const 3))))
      (v128.store offset=576 (local.get $x) (local.get $bestG))
      (v128.store offset=640 (local.get $x) (local.get $bestA))
      (v128.store offset=704 (local.get $x) (local.get $bestC))
      ;; The winner's scale (fix(base · r / div)) and its least-squares one: a step up where that
      ;; is larger (at most $top), else a step down (also where none won).
      (local.set $b (v128.load (i32.add (local.get $base) (local.get $o))))
      (local.set $t (f32x4.mul (local.get $b) (local.get $bestR)))
      (local.set $t (if (result v128) (local.get $recip)
        (then (f32x4.mul (local.get $t) (local.get $div)))
        (else (f32x4.div (local.get $t) (local.get $div)))))
      (local.set $a (f32x4.abs (local.get $t)))
      (local.set $a (v128.bitselect (local.get $a) (local.get $one)
        (v128.and (f32x4.ge (local.get $a) (local.get $tiny)) (f32x4.lt (local.get $a) (local.get $inf)))))
      (local.set $m (v128.and (f32x4.ge (local.get $bestG) (f32x4.splat (f32.const 0)))
        (f32x4.gt (f32x4.abs (f32x4.div (local.get $bestA) (local.get $bestC))) (local.get $a))))
      (local.set $r (v128.bitselect
        (f32x4.min (f32x4.add (local.get $bestR) (local.get $step)) (local.get $top))
        (f32x4.sub (local.get $bestR) (local.get $step)) (local.get $m)))
      (local.set $t (f32x4.mul (local.get $b) (local.get $r)))
      (local.set $t (if (result v128) (local.get $recip)
        (then (f32x4.mul (local.get $t) (local.get $div)))
        (else (f32x4.div (local.get $t) (local.get $div)))))
      (local.set $a (f32x4.abs (local.get $t)))
      (v128.store (local.get $x)
        (f32x4.div (local.get $one) (v128.bitselect (local.get $t) (local.get $one)
          (v128.and (f32x4.ge (local.get $a) (local.get $tiny)) (f32x4.lt (local.get $a) (local.get $inf))))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $quads (i32.lt_u (local.get $o) (i32.const 64))))
    (local.set $o (i32.const 0))
    (loop $pairs
      (local.set $x (i32.add (local.get $st) (local.get $o)))
      (call $criterion1x2 (i32.add (local.get $tile) (local.get $o)) (i32.add (local.get $end) (local.get $o))
        (v128.load (local.get $x)) (v128.load offset=16 (local.get $x)) (local.get $lo) (local.get $hi))
      (local.set $c2) (local.set $a2) (local.set $c) (local.set $a)
      (v128.store offset=192 (local.get $x) (local.get $a))
      (v128.store offset=256 (local.get $x) (local.get $c))
      (v128.store offset=208 (local.get $x) (local.get $a2))
      (v128.store offset=272 (local.get $x) (local.get $c2))
      (local.set $o (i32.add (local.get $o) (i32.const 32)))
      (br_if $pairs (i32.lt_u (local.get $o) (i32.const 64))))
    ;; The fine candidates, then the Lloyd step's scale: the winner's least-squares scale Σw·q / Σq²
    ;; (the default's where none won or that is not a normal float).
    (local.set $o (i32.const 0))
    (loop $quads
      (local.set $x (i32.add (local.get $st) (local.get $o)))
      (local.set $bestG (v128.load offset=576 (local.get $x)))
      (local.set $bestA (v128.load offset=640 (local.get $x)))
      (local.set $bestC (v128.load offset=704 (local.get $x)))
      (local.set $j (i32.const 0))
      (loop $ratio
        (local.set $a (v128.load offset=192 (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 7)))))
        (local.set $c (v128.load offset=256 (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 7)))))
        (local.set $g (f32x4.div (f32x4.mul (local.get $a) (local.get $a)) (local.get $c)))
        (local.set $m (f32x4.gt (local.get $g) (local.get $bestG)))
        (local.set $bestG (v128.bitselect (local.get $g) (local.get $bestG) (local.get $m)))
        (local.set $bestA (v128.bitselect (local.get $a) (local.get $bestA) (local.get $m)))
        (local.set $bestC (v128.bitselect (local.get $c) (local.get $bestC) (local.get $m)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $ratio (i32.lt_u (local.get $j) (i32.const 1))))
      (local.set $t (f32x4.div (local.get $bestA) (local.get $bestC)))
      (local.set $a (f32x4.abs (local.get $t)))
      (local.set $s (v128.bitselect (local.get $t) (v128.load (i32.add (local.get $scales) (local.get $o)))
        (v128.and (f32x4.ge (local.get $bestG) (f32x4.splat (f32.const 0)))
          (v128.and (f32x4.ge (local.get $a) (local.get $tiny)) (f32x4.lt (local.get $a) (local.get $inf))))))
      (v128.store offset=640 (local.get $x) (local.get $s))
      (v128.store (i32.add (local.get $inv) (local.get $o)) (f32x4.div (local.get $one) (local.get $s)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $quads (i32.lt_u (local.get $o) (i32.const 64))))
    ;; One Lloyd step: the codes of that scale, stored with their own least-squares scale; with
    ;; $pack (4 or 8 bits) the codes are also written from $bytes, for pack_block*'s transpose.
    (local.set $o (i32.const 0))
    (if (local.get $pack)
      (then
        (loop $pairs
          (local.set $x (i32.add (local.get $st) (local.get $o)))
          (call $refit_pack (i32.add (local.get $tile) (local.get $o))
            (i32.add (local.get $end) (local.get $o)) (v128.load (i32.add (local.get $inv) (local.get $o)))
            (v128.load offset=16 (i32.add (local.get $inv) (local.get $o))) (local.get $lo) (local.get $hi)
            (v128.load offset=640 (local.get $x)) (v128.load offset=656 (local.get $x))
            (i32.eq (local.get $pack) (i32.const 4))
            (i32.add (local.get $bytes) (i32.shr_u (local.get $o) (i32.const 2))))
          (local.set $s) (local.set $t)
          (v128.store (i32.add (local.get $scales) (local.get $o)) (local.get $t))
          (v128.store offset=16 (i32.add (local.get $scales) (local.get $o)) (local.get $s))
          (local.set $o (i32.add (local.get $o) (i32.const 32)))
          (br_if $pairs (i32.lt_u (local.get $o) (i32.const 64))))
        (return)))
    (loop $quads
      (local.set $x (i32.add (local.get $st) (local.get $o)))
      (v128.store (i32.add (local.get $scales) (local.get $o))
        (call $refit (i32.add (local.get $tile) (local.get $o)) (i32.add (local.get $end) (local.get $o))
          (v128.load (i32.add (local.get $inv) (local.get $o))) (local.get $half) (local.get $lo)
          (local.get $hi) (local.get $rint) (v128.load offset=640 (local.get $x))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $quads (i32.lt_u (local.get $o) (i32.const 64)))))

  ;; The signed extremes of 16 columns over the rows from $p to $end (every $stride bytes), to
  ;; out[0..63]: a column's max where |max| > |min|, else its min (ties go to min, as in MLAS).
  (func $extremes16 (param $p i32) (param $end i32) (param $stride i32) (param $out i32)
    (local $v v128) (local $max0 v128) (local $max1 v128) (local $max2 v128) (local $max3 v128)
    (local $min0 v128) (local $min1 v128) (local $min2 v128) (local $min3 v128)
    (local.set $max0 (v128.load (local.get $p)))
    (local.set $max1 (v128.load offset=16 (local.get $p)))
    (local.set $max2 (v128.load offset=32 (local.get $p)))
    (local.set $max3 (v128.load offset=48 (local.get $p)))
    (local.set $min0 (local.get $max0))
    (local.set $min1 (local.get $max1))
    (local.set $min2 (local.get $max2))
    (local.set $min3 (local.get $max3))
    (local.set $p (i32.add (local.get $p) (local.get $stride)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $max0 (f32x4.max (local.get $max0) (local.get $v)))
        (local.set $min0 (f32x4.min (local.get $min0) (local.get $v)))
        (local.set $v (v128.load offset=16 (local.get $p)))
        (local.set $max1 (f32x4.max (local.get $max1) (local.get $v)))
        (local.set $min1 (f32x4.min (local.get $min1) (local.get $v)))
        (local.set $v (v128.load offset=32 (local.get $p)))
        (local.set $max2 (f32x4.max (local.get $max2) (local.get $v)))
        (local.set $min2 (f32x4.min (local.get $min2) (local.get $v)))
        (local.set $v (v128.load offset=48 (local.get $p)))
        (local.set $max3 (f32x4.max (local.get $max3) (local.get $v)))
        (local.set $min3 (f32x4.min (local.get $min3) (local.get $v)))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $rows)))
    (v128.store (local.get $out) (call $signed_extreme (local.get $max0) (local.get $min0)))
    (v128.store offset=16 (local.get $out) (call $signed_extreme (local.get $max1) (local.get $min1)))
    (v128.store offset=32 (local.get $out) (call $signed_extreme (local.get $max2) (local.get $min2)))
    (v128.store offset=48 (local.get $out) (call $signed_extreme (local.get $max3) (local.get $min3))))

  ;; $extremes16 that also copies the rows to $tile, 64 bytes a row ($gather16), in the same pass.
  (func $gather_extremes16 (param $p i32) (param $end i32) (param $stride i32) (param $tile i32)
                           (param $out i32)
    (local $v v128) (local $max0 v128) (local $max1 v128) (local $max2 v128) (local $max3 v128)
    (local $min0 v128) (local $min1 v128) (local $min2 v128) (local $min3 v128)
    (local.set $max0 (f32x4.splat (f32.const -inf)))
    (local.set $max1 (local.get $max0))
    (local.set $max2 (local.get $max0))
    (local.set $max3 (local.get $max0))
    (local.set $min0 (f32x4.splat (f32.const inf)))
    (local.set $min1 (local.get $min0))
    (local.set $min2 (local.get $min0))
    (local.set $min3 (local.get $min0))
    (loop $rows
        (local.set $v (v128.load (local.get $p)))
        (v128.store (local.get $tile) (local.get $v))
        (local.set $max0 (f32x4.max (local.get $max0) (local.get $v)))
        (local.set $min0 (f32x4.min (local.get $min0) (local.get $v)))
        (local.set $v (v128.load offset=16 (local.get $p)))
        (v128.store offset=16 (local.get $tile) (local.get $v))
        (local.set $max1 (f32x4.max (local.get $max1) (local.get $v)))
        (local.set $min1 (f32x4.min (local.get $min1) (local.get $v)))
        (local.set $v (v128.load offset=32 (local.get $p)))
        (v128.store offset=32 (local.get $tile) (local.get $v))
        (local.set $max2 (f32x4.max (local.get $max2) (local.get $v)))
        (local.set $min2 (f32x4.min (local.get $min2) (local.get $v)))
        (local.set $v (v128.load offset=48 (local.get $p)))
        (v128.store offset=48 (local.get $tile) (local.get $v))
        (local.set $max3 (f32x4.max (local.get $max3) (local.get $v)))
        (local.set $min3 (f32x4.min (local.get $min3) (local.get $v)))
      (local.set $tile (i32.add (local.get $tile) (i32.const 64)))
      (local.set $p (i32.add (local.get $p) (local.get $stride)))
      (br_if $rows (i32.lt_u (local.get $p) (local.get $end))))
    (v128.store (local.get $out) (call $signed_extreme (local.get $max0) (local.get $min0)))
    (v128.store offset=16 (local.get $out) (call $signed_extreme (local.get $max1) (local.get $min1)))
    (v128.store offset=32 (local.get $out) (call $signed_extreme (local.get $max2) (local.get $min2)))
    (v128.store offset=48 (local.get $out) (call $signed_extreme (local.get $max3) (local.get $min3))))

  ;; The 16 columns' rows from $p to $end (every $stride bytes) to $out, 64 bytes a row.
  (func $gather16 (param $p i32) (param $end i32) (param $stride i32) (param $out i32)
    (loop $rows
      (v128.store (local.get $out) (v128.load (local.get $p)))
      (v128.store offset=16 (local.get $out) (v128.load offset=16 (local.get $p)))
      (v128.store offset=32 (local.get $out) (v128.load offset=32 (local.get $p)))
      (v128.store offset=48 (local.get $out) (v128.load offset=48 (local.get $p)))
      (local.set $out (i32.add (local.get $out) (i32.const 64)))
      (local.set $p (i32.add (local.get $p) (local.get $stride)))
      (br_if $rows (i32.lt_u (local.get $p) (local.get $end)))))

  (func $signed_extreme (param $max v128) (param $min v128) (result v128)
    (v128.bitselect (local.get $max) (local.get $min)
      (f32x4.gt (f32x4.abs (local.get $max)) (f32x4.abs (local.get $min)))))

  ;; max |w| of 16 columns over the rows from $p to $end, to out[0..63].
  (func $absmax16 (param $p i32) (param $end i32) (param $stride i32) (param $out i32)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $m0 (f32x4.max (local.get $m0) (f32x4.abs (v128.load (local.get $p)))))
        (local.set $m1 (f32x4.max (local.get $m1) (f32x4.abs (v128.load offset=16 (local.get $p)))))
        (local.set $m2 (f32x4.max (local.get $m2) (f32x4.abs (v128.load offset=32 (local.get $p)))))
        (local.set $m3 (f32x4.max (local.get $m3) (f32x4.abs (v128.load offset=48 (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $rows)))
    (v128.store (local.get $out) (local.get $m0))
    (v128.store offset=16 (local.get $out) (local.get $m1))
    (v128.store offset=32 (local.get $out) (local.get $m2))
    (v128.store offset=48 (local.get $out) (local.get $m3)))

  ;; Scales of one K-block of symmetric codes (rows from $w, N columns) for pack_block4/8: scale
  ;; of column c to scales + c · sstride, its inverse (what the codes use) to inv[c]. With $search,
  ;; the scale search over the three coarse ratios at $ratios, which also writes the block's codes
  ;; as pack_block4/8 would (to $out, $ostride; its inverses are then only the search's). $scratch:
  ;; 1024 bytes, and with $search 80 more a row (the tile, the codes) and 256 (the transpose's).
  (func (export "block_scales") (param $w i32) (param $n i32) (param $rows i32) (param $half f32)
        (param $ratios i32) (param $search i32) (param $step f32) (param $top f32)
        (param $scales i32) (param $sstride i32) (param $inv i32) (param $scratch i32)
        (param $out i32) (param $ostride i32)
    (local $c i32) (local $j i32) (local $p i32) (local $end i32) (local $stride i32)
    (local $tile i32) (local $tileEnd i32) (local $div v128) (local $s v128) (local $bits i32)
    (local.set $bits (select (i32.const 4) (i32.const 8) (f32.eq (local.get $half) (f32.const 8))))
    (local.set $stride (i32.shl (local.get $n) (i32.const 2)))
    (local.set $div (f32x4.splat (f32.neg (local.get $half))))
    (local.set $tile (i32.add (local.get $scratch) (i32.const 1024)))
    (local.set $tileEnd (i32.add (local.get $tile) (i32.shl (local.get $rows) (i32.const 6))))
    (loop $cols
      (local.set $p (i32.add (local.get $w) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $end (i32.add (local.get $p) (i32.mul (local.get $rows) (local.get $stride))))
      (if (local.get $search)
        (then
          (call $gather_extremes16 (local.get $p) (local.get $end) (local.get $stride) (local.get $tile)
            (local.get $scratch)))
        (else (call $extremes16 (local.get $p) (local.get $end) (local.get $stride) (local.get $scratch))))
      ;; The default scales (extreme / -half) to scratch + 64, their inverses to scratch + 128.
      (local.set $j (i32.const 0))
      (loop $quads
        (local.set $s (call $fix (f32x4.div (v128.load (i32.add (local.get $scratch) (local.get $j)))
                                            (local.get $div))))
        (v128.store offset=64 (i32.add (local.get $scratch) (local.get $j)) (local.get $s))
        (v128.store offset=128 (i32.add (local.get $scratch) (local.get $j))
          (f32x4.div (f32x4.splat (f32.const 1)) (local.get $s)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $quads (i32.lt_u (local.get $j) (i32.const 64))))
      (if (local.get $search)
        (then
          (call $search16 (local.get $tile) (local.get $tileEnd) (i32.add (local.get $scratch) (i32.const 192))
            (local.get $scratch) (i32.add (local.get $scratch) (i32.const 64))
            (i32.add (local.get $scratch) (i32.const 128))
            (f32x4.splat (f32.div (f32.const -1) (local.get $half))) (i32.const 1)
            (f32x4.splat (f32.neg (local.get $half))) (f32x4.splat (f32.sub (local.get $half) (f32.const 1)))
            (local.get $ratios) (f32x4.splat (local.get $step)) (f32x4.splat (local.get $top))
            (f32x4.splat (local.get $half)) (i32.const 0) (local.get $bits) (local.get $tileEnd))
          (call $transpose_codes (local.get $tileEnd)
            (i32.shl (i32.mul (local.get $rows) (local.get $bits)) (i32.const 1))
            (i32.add (local.get $out) (i32.mul (local.get $c) (local.get $ostride))) (local.get $ostride))))
      (local.set $j (i32.const 0))
      (loop $quads
        (v128.store (i32.add (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2))) (local.get $j))
          (v128.load offset=128 (i32.add (local.get $scratch) (local.get $j))))
        (call $store_lanes
          (i32.add (local.get $scales)
            (i32.mul (i32.add (local.get $c) (i32.shr_u (local.get $j) (i32.const 2))) (local.get $sstride)))
          (local.get $sstride) (v128.load offset=64 (i32.add (local.get $scratch) (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $quads (i32.lt_u (local.get $j) (i32.const 64))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br_if $cols (i32.lt_u (local.get $c) (local.get $n))))
  )

  ;; Per-output-channel symmetric int8 scales over all K rows: absmax / 127 (or, with $search, the
  ;; scale search over the three coarse ratios at $ratios) to scales[c], the inverse the codes use
  ;; to inv[c]. $scratch: 1024 bytes, and with $search 64 more a row (K rounded up to even).
  (func (export "channel_scales") (param $w i32) (param $n i32) (param $k i32)
        (param $ratios i32) (param $search i32) (param $step f32) (param $top f32)
        (param $scales i32) (param $inv i32) (param $scratch i32)
    (local $c i32) (local $j i32) (local $p i32) (local $end i32) (local $stride i32)
    (local $tile i32) (local $tileEnd i32) (local $s v128) (local $hi v128)
    (local.set $stride (i32.shl (local.get $n) (i32.const 2)))
    (local.set $hi (f32x4.splat (f32.const 127)))
    (local.set $tile (i32.add (local.get $scratch) (i32.const 1024)))
    ;; An odd K gets a row of zeros: it adds 0 to every sum.
    (local.set $tileEnd (i32.add (local.get $tile)
      (i32.shl (i32.and (i32.add (local.get $k) (i32.const 1)) (i32.const -2)) (i32.const 6))))
    (loop $cols
      (local.set $p (i32.add (local.get $w) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $end (i32.add (local.get $p) (i32.mul (local.get $k) (local.get $stride))))
      (call $absmax16 (local.get $p) (local.get $end) (local.get $stride) (local.get $scratch))
      (local.set $j (i32.const 0))
      (loop $quads
        (local.set $s (call $fix (f32x4.div (v128.load (i32.add (local.get $scratch) (local.get $j)))
                                            (local.get $hi))))
        (v128.store offset=64 (i32.add (local.get $scratch) (local.get $j)) (local.get $s))
        (v128.store offset=128 (i32.add (local.get $scratch) (local.get $j))
          (f32x4.div (f32x4.splat (f32.const 1)) (local.get $s)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $quads (i32.lt_u (local.get $j) (i32.const 64))))
      (if (i32.and (local.get $search) (i32.ne (local.get $k) (i32.const 0)))
        (then
          (call $gather16 (local.get $p) (local.get $end) (local.get $stride) (local.get $tile))
          (if (i32.and (local.get $k) (i32.const 1))
            (then (call $zero_row (i32.sub (local.get $tileEnd) (i32.const 64)))))
          (call $search16 (local.get $tile) (local.get $tileEnd) (i32.add (local.get $scratch) (i32.const 192))
            (local.get $scratch) (i32.add (local.get $scratch) (i32.const 64))
            (i32.add (local.get $scratch) (i32.const 128)) (local.get $hi) (i32.const 0)
            (f32x4.splat (f32.const -127)) (local.get $hi) (local.get $ratios)
            (f32x4.splat (local.get $step)) (f32x4.splat (local.get $top))
            (v128.const f32x4 0 0 0 0) (i32.const 1) (i32.const 0) (i32.const 0))))
      (local.set $j (i32.const 0))
      (loop $quads
        (v128.store (i32.add (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2))) (local.get $j))
          (v128.load offset=128 (i32.add (local.get $scratch) (local.get $j))))
        (v128.store (i32.add (i32.add (local.get $scales) (i32.shl (local.get $c) (i32.const 2))) (local.get $j))
          (v128.load offset=64 (i32.add (local.get $scratch) (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $quads (i32.lt_u (local.get $j) (i32.const 64))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br_if $cols (i32.lt_u (local.get $c) (local.get $n))))
  )

  ;; 64 zero bytes at $p.
  (func $zero_row (param $p i32)
    (v128.store (local.get $p) (v128.const i32x4 0 0 0 0))
    (v128.store offset=16 (local.get $p) (v128.const i32x4 0 0 0 0))
    (v128.store offset=32 (local.get $p) (v128.const i32x4 0 0 0 0))
    (v128.store offset=48 (local.get $p) (v128.const i32x4 0 0 0 0)))

  ;; The 4 lanes of v to p, p + stride, p + 2 stride, p + 3 stride.
  (func $store_lanes (param $p i32) (param $stride i32) (param $v v128)
    (f32.store (local.get $p) (f32x4.extract_lane 0 (local.get $v)))
    (f32.store (i32.add (local.get $p) (local.get $stride)) (f32x4.extract_lane 1 (local.get $v)))
    (f32.store (i32.add (local.get $p) (i32.shl (local.get $stride) (i32.const 1)))
      (f32x4.extract_lane 2 (local.get $v)))
    (f32.store (i32.add (local.get $p) (i32.mul (local.get $stride) (i32.const 3)))
      (f32x4.extract_lane 3 (local.get $v))))

  ;; 16 codes of one row from column c (inverse scales i0…i3 of its 4 × 4 columns):
  ;; trunc(w · inv + zp + 0.5), clamped to [0, 255] by the saturating narrows. Written out, not
  ;; called per 4 lanes: V8 does not inline wasm calls, and this is the hottest loop.
  (func $codes16 (param $src i32) (param $i0 v128) (param $i1 v128) (param $i2 v128) (param $i3 v128)
                 (param $zp v128) (result v128)
    (local $half v128)
    (local.set $half (f32x4.splat (f32.const 0.5)))
    (i8x16.narrow_i16x8_u
      (i16x8.narrow_i32x4_s
        (i32x4.trunc_sat_f32x4_s (f32x4.add (f32x4.add (f32x4.mul (v128.load (local.get $src)) (local.get $i0)) (local.get $zp)) (local.get $half)))
        (i32x4.trunc_sat_f32x4_s (f32x4.add (f32x4.add (f32x4.mul (v128.load offset=16 (local.get $src)) (local.get $i1)) (local.get $zp)) (local.get $half))))
      (i16x8.narrow_i32x4_s
        (i32x4.trunc_sat_f32x4_s (f32x4.add (f32x4.add (f32x4.mul (v128.load offset=32 (local.get $src)) (local.get $i2)) (local.get $zp)) (local.get $half)))
        (i32x4.trunc_sat_f32x4_s (f32x4.add (f32x4.add (f32x4.mul (v128.load offset=48 (local.get $src)) (local.get $i3)) (local.get $zp)) (local.get $half))))))

  ;; One step of the perfect shuffle: out[2i], out[2i+1] = bytes of in[i] and in[i+8] interleaved.
  ;; Four steps transpose 16 rows of 16 bytes.
  (func $shuffle_step (param $in i32) (param $out i32) (param $stride i32)
    (local $i i32) (local $a v128) (local $b v128)
    (loop $pairs
      (local.set $a (v128.load (i32.add (local.get $in) (i32.shl (local.get $i) (i32.const 4)))))
      (local.set $b (v128.load offset=128 (i32.add (local.get $in) (i32.shl (local.get $i) (i32.const 4)))))
      (v128.store (i32.add (local.get $out) (i32.mul (i32.shl (local.get $i) (i32.const 1)) (local.get $stride)))
        (i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23 (local.get $a) (local.get $b)))
      (v128.store (i32.add (local.get $out) (i32.mul (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)) (local.get $stride)))
        (i8x16.shuffle 8 24 9 25 10 26 11 27 12 28 13 29 14 30 15 31 (local.get $a) (local.get $b)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $pairs (i32.lt_u (local.get $i) (i32.const 8)))))

  ;; 16 rows of 16 bytes at scratch (256 bytes, with 256 more after it as a second buffer) to
  ;; out + j · stride, the 16 bytes of column j.
  (func $transpose16 (param $scratch i32) (param $out i32) (param $stride i32)
    (call $shuffle_step (local.get $scratch) (i32.add (local.get $scratch) (i32.const 256)) (i32.const 16))
    (call $shuffle_step (i32.add (local.get $scratch) (i32.const 256)) (local.get $scratch) (i32.const 16))
    (call $shuffle_step (local.get $scratch) (i32.add (local.get $scratch) (i32.const 256)) (i32.const 16))
    (call $shuffle_step (i32.add (local.get $scratch) (i32.const 256)) (local.get $out) (local.get $stride)))

;; $bytes bytes of codes from $src, 256 (16 rows of 16 columns) at a time, to out + j · stride,
  ;; column j's bytes. Last first: $transpose16 overwrites the 256 bytes after its own.
  (func $transpose_codes (param $src i32) (param $bytes i32) (param $out i32) (param $stride i32)
    (loop $chunks
      (local.set $bytes (i32.sub (local.get $bytes) (i32.const 256)))
      (call $transpose16 (i32.add (local.get $src) (local.get $bytes))
        (i32.add (local.get $out) (i32.shr_u (local.get $bytes) (i32.const 4))) (local.get $stride))
      (br_if $chunks (local.get $bytes))))

  ;; One K-block of 4-bit codes (rows from $w, a multiple of 32): byte = code[r] | code[r + 1] << 4
  ;; for each pair of rows, written to out + c · stride + pair, MatMulNBits' layout when out points
  ;; at this block of column 0 and stride is kBlocks · block / 2.
  (func (export "pack_block4") (param $w i32) (param $n i32) (param $rows i32) (param $inv i32)
        (param $out i32) (param $stride i32) (param $scratch i32)
    (local $c i32) (local $r i32) (local $src i32) (local $rowBytes i32) (local $lo v128)
    (local $zp v128) (local $fifteen v128) (local $i0 v128) (local $i1 v128) (local $i2 v128) (local $i3 v128)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $zp (f32x4.splat (f32.const 8)))
    (local.set $fifteen (i8x16.splat (i32.const 15)))
    (loop $cols
      (local.set $i0 (v128.load (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2)))))
      (local.set $i1 (v128.load offset=16 (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2)))))
      (local.set $i2 (v128.load offset=32 (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2)))))
      (local.set $i3 (v128.load offset=48 (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2)))))
      (local.set $r (i32.const 0))
      (local.set $src (i32.add (local.get $w) (i32.shl (local.get $c) (i32.const 2))))
      (loop $rows
        (local.set $lo (i8x16.min_u (local.get $fifteen)
          (call $codes16 (local.get $src) (local.get $i0) (local.get $i1) (local.get $i2) (local.get $i3) (local.get $zp))))
        (v128.store (i32.add (local.get $scratch) (i32.shl (i32.and (local.get $r) (i32.const 31)) (i32.const 3)))
          (v128.or (local.get $lo)
            (i16x8.shl (i8x16.min_u (local.get $fifteen)
              (call $codes16 (i32.add (local.get $src) (local.get $rowBytes))
                (local.get $i0) (local.get $i1) (local.get $i2) (local.get $i3) (local.get $zp)))
              (i32.const 4))))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (local.set $src (i32.add (local.get $src) (i32.shl (local.get $rowBytes) (i32.const 1))))
        (if (i32.eqz (i32.and (local.get $r) (i32.const 31)))
          (then (call $transpose16 (local.get $scratch)
            (i32.add (i32.add (local.get $out) (i32.mul (local.get $c) (local.get $stride)))
                     (i32.shr_u (i32.sub (local.get $r) (i32.const 32)) (i32.const 1)))
            (local.get $stride))))
        (br_if $rows (i32.lt_u (local.get $r) (local.get $rows))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br_if $cols (i32.lt_u (local.get $c) (local.get $n))))
  )

  ;; One K-block of 8-bit codes (rows from $w, a multiple of 16), code[r] written to
  ;; out + c · stride + r.
  (func (export "pack_block8") (param $w i32) (param $n i32) (param $rows i32) (param $inv i32)
        (param $out i32) (param $stride i32) (param $scratch i32)
    (local $c i32) (local $r i32) (local $src i32) (local $rowBytes i32) (local $zp v128)
    (local $i0 v128) (local $i1 v128) (local $i2 v128) (local $i3 v128)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $zp (f32x4.splat (f32.const 128)))
    (loop $cols
      (local.set $i0 (v128.load (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2)))))
      (local.set $i1 (v128.load offset=16 (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2)))))
      (local.set $i2 (v128.load offset=32 (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2)))))
      (local.set $i3 (v128.load offset=48 (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2)))))
      (local.set $r (i32.const 0))
      (local.set $src (i32.add (local.get $w) (i32.shl (local.get $c) (i32.const 2))))
      (loop $rows
        (v128.store (i32.add (local.get $scratch) (i32.shl (i32.and (local.get $r) (i32.const 15)) (i32.const 4)))
          (call $codes16 (local.get $src) (local.get $i0) (local.get $i1) (local.get $i2) (local.get $i3) (local.get $zp)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (local.set $src (i32.add (local.get $src) (local.get $rowBytes)))
        (if (i32.eqz (i32.and (local.get $r) (i32.const 15)))
          (then (call $transpose16 (local.get $scratch)
            (i32.add (i32.add (local.get $out) (i32.mul (local.get $c) (local.get $stride)))
                     (i32.sub (local.get $r) (i32.const 16)))
            (local.get $stride))))
        (br_if $rows (i32.lt_u (local.get $r) (local.get $rows))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br_if $cols (i32.lt_u (local.get $c) (local.get $n))))
  )

  ;; q[r, c] = clamp(nearest(W[r, c] · inv[c]), -127, 127) as int8, row-major, for all K rows.
  (func (export "quantize_channel") (param $w i32) (param $k i32) (param $n i32) (param $inv i32) (param $q i32)
    (local $r i32) (local $c i32) (local $src i32) (local $dst i32) (local $i i32) (local $floor v128)
    (local.set $floor (i8x16.splat (i32.const -127)))
    (local.set $src (local.get $w))
    (local.set $dst (local.get $q))
    (loop $rows
      (local.set $c (i32.const 0))
      (loop $cols
        (local.set $i (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2))))
        (v128.store (local.get $dst)
          (i8x16.max_s (local.get $floor)
            (i8x16.narrow_i16x8_s
              (i16x8.narrow_i32x4_s
                (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.mul (v128.load (local.get $src)) (v128.load (local.get $i)))))
                (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.mul (v128.load offset=16 (local.get $src)) (v128.load offset=16 (local.get $i))))))
              (i16x8.narrow_i32x4_s
                (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.mul (v128.load offset=32 (local.get $src)) (v128.load offset=32 (local.get $i)))))
                (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.mul (v128.load offset=48 (local.get $src)) (v128.load offset=48 (local.get $i)))))))))
        (local.set $src (i32.add (local.get $src) (i32.const 64)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br_if $cols (i32.lt_u (local.get $c) (local.get $n))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $r) (local.get $k))))
  )
)
