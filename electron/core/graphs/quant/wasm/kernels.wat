;; SIMD weight-quantisation kernels over a row-major float32 matrix W[K, N] in linear memory.
;; Columns are processed 16 at a time, so N must be a multiple of 16 (callers fall back to the
;; scalar kernels otherwise). Rounding is f32x4.nearest (half to even, like numpy's rint).
(module
  (memory (export "memory") 1)

  ;; out[c] = max(out[c], |W[r, c]|) over rows [r0, r1): running per-column absolute maxima.
  (func (export "absmax_rows") (param $w i32) (param $n i32) (param $r0 i32) (param $r1 i32) (param $out i32)
    (local $r i32) (local $c i32) (local $row i32) (local $o i32)
    (local.set $r (local.get $r0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $r1)))
        (local.set $row (i32.add (local.get $w) (i32.shl (i32.mul (local.get $r) (local.get $n)) (i32.const 2))))
        (local.set $c (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $c) (local.get $n)))
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))))
            (v128.store (local.get $o)
              (f32x4.max (v128.load (local.get $o))
                (f32x4.abs (v128.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2)))))))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $cols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))
  )

  ;; Four f32x4 of W times the inverse scales, rounded and saturated to i32x4 each.
  (func $q4 (param $src i32) (param $inv i32) (result v128)
    (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.mul (v128.load (local.get $src)) (v128.load (local.get $inv))))))

  ;; 16 values of row r from column c: round(W · inv) as 16 saturated int8.
  (func $q16 (param $src i32) (param $inv i32) (result v128)
    (i8x16.narrow_i16x8_s
      (i16x8.narrow_i32x4_s
        (call $q4 (local.get $src) (local.get $inv))
        (call $q4 (i32.add (local.get $src) (i32.const 16)) (i32.add (local.get $inv) (i32.const 16))))
      (i16x8.narrow_i32x4_s
        (call $q4 (i32.add (local.get $src) (i32.const 32)) (i32.add (local.get $inv) (i32.const 32)))
        (call $q4 (i32.add (local.get $src) (i32.const 48)) (i32.add (local.get $inv) (i32.const 48))))))

  ;; q[r, c] = round(W[r, c] · inv[c]) as int8, row-major, for all K rows.
  (func (export "quantize_channel") (param $w i32) (param $k i32) (param $n i32) (param $inv i32) (param $q i32)
    (local $i i32) (local $count i32) (local $c i32)
    (local.set $count (i32.mul (local.get $k) (local.get $n)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $c (i32.rem_u (local.get $i) (local.get $n)))
        (v128.store (i32.add (local.get $q) (local.get $i))
          (call $q16 (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 2)))
                     (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $each)))
  )

  ;; One K-block of 4-bit symmetric values: rows [r0, r0 + block) in pairs, 16 columns at a time,
  ;; byte = (q[r] + 8) | (q[r + 1] + 8) << 4, written to out[c · stride + pair]: MatMulNBits layout
  ;; when out points at this block of column 0 and stride is kBlocks · block / 2.
  (func (export "pack_block_int4") (param $w i32) (param $n i32) (param $r0 i32) (param $block i32) (param $inv i32) (param $out i32) (param $stride i32)
    (local $pair i32) (local $c i32) (local $lo v128) (local $hi v128) (local $bytes v128) (local $row i32) (local $half i32) (local $lane i32)
    (local.set $half (i32.shr_u (local.get $block) (i32.const 1)))
    (block $pairs_done
      (loop $pairs
        (br_if $pairs_done (i32.ge_u (local.get $pair) (local.get $half)))
        (local.set $row (i32.add (local.get $w) (i32.shl (i32.mul (i32.add (local.get $r0) (i32.shl (local.get $pair) (i32.const 1))) (local.get $n)) (i32.const 2))))
        (local.set $c (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $c) (local.get $n)))
            (local.set $lo (i8x16.add (call $q16 (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2))) (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2)))) (i8x16.splat (i32.const 8))))
            (local.set $hi (i8x16.add (call $q16 (i32.add (i32.add (local.get $row) (i32.shl (local.get $n) (i32.const 2))) (i32.shl (local.get $c) (i32.const 2))) (i32.add (local.get $inv) (i32.shl (local.get $c) (i32.const 2)))) (i8x16.splat (i32.const 8))))
            (local.set $bytes (v128.or (v128.and (local.get $lo) (i8x16.splat (i32.const 15))) (i8x16.shl (local.get $hi) (i32.const 4))))
            (local.set $lane (i32.add (i32.add (local.get $out) (i32.mul (local.get $c) (local.get $stride))) (local.get $pair)))
            (i32.store8 offset=0 (local.get $lane) (i8x16.extract_lane_u 0 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 1))) (i8x16.extract_lane_u 1 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 2))) (i8x16.extract_lane_u 2 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 3))) (i8x16.extract_lane_u 3 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 4))) (i8x16.extract_lane_u 4 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 5))) (i8x16.extract_lane_u 5 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 6))) (i8x16.extract_lane_u 6 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 7))) (i8x16.extract_lane_u 7 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 8))) (i8x16.extract_lane_u 8 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 9))) (i8x16.extract_lane_u 9 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 10))) (i8x16.extract_lane_u 10 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 11))) (i8x16.extract_lane_u 11 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 12))) (i8x16.extract_lane_u 12 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 13))) (i8x16.extract_lane_u 13 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 14))) (i8x16.extract_lane_u 14 (local.get $bytes)))
            (i32.store8 (i32.add (local.get $lane) (i32.mul (local.get $stride) (i32.const 15))) (i8x16.extract_lane_u 15 (local.get $bytes)))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $cols)))
        (local.set $pair (i32.add (local.get $pair) (i32.const 1)))
        (br $pairs)))
  )
)
