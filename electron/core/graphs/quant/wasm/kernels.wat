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
;; refitted by least squares is Σw² minus it). Three coarse ratios, then the best one's
;; neighbours a step either side; the codes of the winner's least-squares scale are kept, stored
;; with their own least-squares scale.
(module
  (memory (export "memory") 1)

  ;; s where |s| is a normal float, else 1 (a block of zeros, or too small to scale).
  (func $fix (param $s v128) (result v128)
    (local $a v128)
    (local.set $a (f32x4.abs (local.get $s)))
    (v128.bitselect (local.get $s) (f32x4.splat (f32.const 1))
      (v128.and (f32x4.ge (local.get $a) (f32x4.splat (f32.const 0x1p-126)))
                (f32x4.lt (local.get $a) (f32x4.splat (f32.const inf))))))

  ;; Σw·q and Σq² of one candidate on 4 columns: rows from $p to $end every $stride bytes, codes
  ;; q = nearest(clamp(w · inv, lo, hi)).
  (func $criterion (param $p i32) (param $end i32) (param $stride i32) (param $inv v128)
                   (param $lo v128) (param $hi v128) (result v128 v128)
    (local $v v128) (local $q v128) (local $a v128) (local $c v128)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $q (f32x4.nearest (f32x4.min (f32x4.max (f32x4.mul (local.get $v) (local.get $inv))
                                                           (local.get $lo)) (local.get $hi))))
        (local.set $a (f32x4.add (local.get $a) (f32x4.mul (local.get $v) (local.get $q))))
        (local.set $c (f32x4.add (local.get $c) (f32x4.mul (local.get $q) (local.get $q))))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $rows)))
    (local.get $a) (local.get $c))

  ;; The gain (Σw·q)² / Σq² of ratio r (NaN when every code is 0), and Σw·q / Σq², the
  ;; least-squares scale of its codes; scale(r) = fix(base · r / div).
  (func $candidate (param $p i32) (param $end i32) (param $stride i32) (param $base v128)
                   (param $div v128) (param $lo v128) (param $hi v128) (param $r v128)
                   (result v128 v128)
    (local $a v128) (local $c v128)
    (call $criterion (local.get $p) (local.get $end) (local.get $stride)
      (f32x4.div (f32x4.splat (f32.const 1))
        (call $fix (f32x4.div (f32x4.mul (local.get $base) (local.get $r)) (local.get $div))))
      (local.get $lo) (local.get $hi))
    (local.set $c)
    (local.set $a)
    (f32x4.div (f32x4.mul (local.get $a) (local.get $a)) (local.get $c))
    (f32x4.div (local.get $a) (local.get $c)))

  ;; The search on 4 columns: $count coarse ratios at $ratios, then the best ± $step (at most
  ;; $top). Returns the scale to store and the inverse the codes use.
  (func $search (param $p i32) (param $end i32) (param $stride i32) (param $base v128)
                (param $div v128) (param $lo v128) (param $hi v128) (param $ratios i32)
                (param $count i32) (param $step v128) (param $top v128) (param $half v128)
                (param $rint i32) (param $plain v128) (result v128 v128)
    (local $j i32) (local $r v128) (local $coarse v128) (local $g v128) (local $ls v128)
    (local $m v128) (local $bestG v128) (local $bestR v128) (local $bestLs v128) (local $s v128)
    (local.set $bestG (f32x4.splat (f32.const -1)))
    (local.set $bestR (f32x4.splat (f32.const 1)))
    (local.set $bestLs (local.get $plain))
    (loop $ratios
      (local.set $r (v128.load32_splat (i32.add (local.get $ratios) (i32.shl (local.get $j) (i32.const 2)))))
      (call $candidate (local.get $p) (local.get $end) (local.get $stride) (local.get $base)
        (local.get $div) (local.get $lo) (local.get $hi) (local.get $r))
      (local.set $ls)
      (local.set $g)
      (local.set $m (f32x4.gt (local.get $g) (local.get $bestG)))
      (local.set $bestG (v128.bitselect (local.get $g) (local.get $bestG) (local.get $m)))
      (local.set $bestR (v128.bitselect (local.get $r) (local.get $bestR) (local.get $m)))
      (local.set $bestLs (v128.bitselect (local.get $ls) (local.get $bestLs) (local.get $m)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $ratios (i32.lt_u (local.get $j) (local.get $count))))
    (local.set $coarse (local.get $bestR))
    (local.set $j (i32.const 0))
    (loop $fine
      (local.set $r (if (result v128) (local.get $j)
        (then (f32x4.sub (local.get $coarse) (local.get $step)))
        (else (f32x4.min (f32x4.add (local.get $coarse) (local.get $step)) (local.get $top)))))
      (call $candidate (local.get $p) (local.get $end) (local.get $stride) (local.get $base)
        (local.get $div) (local.get $lo) (local.get $hi) (local.get $r))
      (local.set $ls)
      (local.set $g)
      (local.set $m (f32x4.gt (local.get $g) (local.get $bestG)))
      (local.set $bestG (v128.bitselect (local.get $g) (local.get $bestG) (local.get $m)))
      (local.set $bestLs (v128.bitselect (local.get $ls) (local.get $bestLs) (local.get $m)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $fine (i32.lt_u (local.get $j) (i32.const 2))))
    ;; One Lloyd step: the codes of the winner's least-squares scale, refitted in turn.
    (local.set $s (v128.bitselect (local.get $bestLs) (local.get $plain)
      (f32x4.eq (call $fix (local.get $bestLs)) (local.get $bestLs))))
    (call $refit (local.get $p) (local.get $end) (local.get $stride)
      (f32x4.div (f32x4.splat (f32.const 1)) (local.get $s))
      (local.get $half) (local.get $lo) (local.get $hi) (local.get $rint) (local.get $s))
    (f32x4.div (f32x4.splat (f32.const 1)) (local.get $s)))

  ;; Least-squares scale Σw·q / Σq² of the codes q = code - half that pack_block* writes for inv
  ;; ($rint 0), or of q = clamp(nearest(w · inv), lo, hi) that quantize_channel writes ($rint 1);
  ;; $fallback where that is not a normal float (every code 0).
  (func $refit (param $p i32) (param $end i32) (param $stride i32) (param $inv v128) (param $half v128)
               (param $lo v128) (param $hi v128) (param $rint i32) (param $fallback v128) (result v128)
    (local $v v128) (local $q v128) (local $a v128) (local $c v128) (local $s v128)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $q (f32x4.mul (local.get $v) (local.get $inv)))
        (local.set $q
          (if (result v128) (local.get $rint)
            (then (f32x4.nearest (local.get $q)))
            (else (f32x4.sub
                    (f32x4.trunc (f32x4.add (f32x4.add (local.get $q) (local.get $half))
                                            (f32x4.splat (f32.const 0.5))))
                    (local.get $half)))))
        (local.set $q (f32x4.min (f32x4.max (local.get $q) (local.get $lo)) (local.get $hi)))
        (local.set $a (f32x4.add (local.get $a) (f32x4.mul (local.get $v) (local.get $q))))
        (local.set $c (f32x4.add (local.get $c) (f32x4.mul (local.get $q) (local.get $q))))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $rows)))
    (local.set $s (f32x4.div (local.get $a) (local.get $c)))
    (v128.bitselect (local.get $s) (local.get $fallback)
      (v128.and (f32x4.gt (local.get $c) (f32x4.splat (f32.const 0)))
                (f32x4.eq (call $fix (local.get $s)) (local.get $s)))))

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
  ;; of column c to scales + c · sstride, its inverse (what the codes use) to inv[c]. With $count
  ;; coarse ratios at $ratios, the scale search. $scratch: 64 bytes.
  (func (export "block_scales") (param $w i32) (param $n i32) (param $rows i32) (param $half f32)
        (param $ratios i32) (param $count i32) (param $step f32) (param $top f32)
        (param $scales i32) (param $sstride i32) (param $inv i32) (param $scratch i32)
    (local $c i32) (local $j i32) (local $p i32) (local $end i32) (local $stride i32)
    (local $ext v128) (local $div v128) (local $s v128) (local $i v128)
    (local.set $stride (i32.shl (local.get $n) (i32.const 2)))
    (local.set $div (f32x4.splat (f32.neg (local.get $half))))
    (loop $cols
      (local.set $p (i32.add (local.get $w) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $end (i32.add (local.get $p) (i32.mul (local.get $rows) (local.get $stride))))
      (call $extremes16 (local.get $p) (local.get $end) (local.get $stride) (local.get $scratch))
      (local.set $j (i32.const 0))
      (loop $quads
        (local.set $ext (v128.load (i32.add (local.get $scratch) (i32.shl (local.get $j) (i32.const 4)))))
        (local.set $s (call $fix (f32x4.div (local.get $ext) (local.get $div))))
        (local.set $i (f32x4.div (f32x4.splat (f32.const 1)) (local.get $s)))
        (if (local.get $count)
          (then
            (call $search (local.get $p) (local.get $end) (local.get $stride) (local.get $ext)
              (local.get $div) (f32x4.splat (f32.neg (local.get $half)))
              (f32x4.splat (f32.sub (local.get $half) (f32.const 1))) (local.get $ratios)
              (local.get $count) (f32x4.splat (local.get $step)) (f32x4.splat (local.get $top))
              (f32x4.splat (local.get $half)) (i32.const 0) (local.get $s))
            (local.set $i)
            (local.set $s)))
        (v128.store (i32.add (local.get $inv) (i32.shl (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))) (i32.const 2)))
          (local.get $i))
        (call $store_lanes
          (i32.add (local.get $scales) (i32.mul (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))) (local.get $sstride)))
          (local.get $sstride) (local.get $s))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $end (i32.add (local.get $end) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $quads (i32.lt_u (local.get $j) (i32.const 4))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br_if $cols (i32.lt_u (local.get $c) (local.get $n))))
  )

  ;; Per-output-channel symmetric int8 scales over all K rows: absmax / 127 (or, with $count
  ;; coarse ratios, the scale search) to scales[c], the inverse the codes use to inv[c].
  ;; $scratch: 64 bytes.
  (func (export "channel_scales") (param $w i32) (param $n i32) (param $k i32)
        (param $ratios i32) (param $count i32) (param $step f32) (param $top f32)
        (param $scales i32) (param $inv i32) (param $scratch i32)
    (local $c i32) (local $j i32) (local $p i32) (local $end i32) (local $stride i32)
    (local $max v128) (local $s v128) (local $i v128) (local $hi v128)
    (local.set $stride (i32.shl (local.get $n) (i32.const 2)))
    (local.set $hi (f32x4.splat (f32.const 127)))
    (loop $cols
      (local.set $p (i32.add (local.get $w) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $end (i32.add (local.get $p) (i32.mul (local.get $k) (local.get $stride))))
      (call $absmax16 (local.get $p) (local.get $end) (local.get $stride) (local.get $scratch))
      (local.set $j (i32.const 0))
      (loop $quads
        (local.set $max (v128.load (i32.add (local.get $scratch) (i32.shl (local.get $j) (i32.const 4)))))
        (local.set $s (call $fix (f32x4.div (local.get $max) (local.get $hi))))
        (local.set $i (f32x4.div (f32x4.splat (f32.const 1)) (local.get $s)))
        (if (local.get $count)
          (then
            (call $search (local.get $p) (local.get $end) (local.get $stride) (local.get $max)
              (local.get $hi) (f32x4.splat (f32.const -127)) (local.get $hi) (local.get $ratios)
              (local.get $count) (f32x4.splat (local.get $step)) (f32x4.splat (local.get $top))
              (v128.const f32x4 0 0 0 0) (i32.const 1) (local.get $s))
            (local.set $i)
            (local.set $s)))
        (v128.store (i32.add (local.get $inv) (i32.shl (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))) (i32.const 2)))
          (local.get $i))
        (v128.store (i32.add (local.get $scales) (i32.shl (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))) (i32.const 2)))
          (local.get $s))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $end (i32.add (local.get $end) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $quads (i32.lt_u (local.get $j) (i32.const 4))))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br_if $cols (i32.lt_u (local.get $c) (local.get $n))))
  )

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
