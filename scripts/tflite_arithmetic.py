"""TFLite's reference integer arithmetic for requantization, written from its
definitions (gemmlowp's fixed-point helpers as TFLite's quantization_util
uses them), independently of TOSA's rescale formula: the references of the
TOSA tests and of examples/faceapi-cnn compare upstream's lowering with it.

multiply_by_quantized_multiplier rounds twice ("double rounding"): the
doubling high multiply rounds the product to 31 fractional bits, then the
right shift rounds half away from zero. TFLite's shift is a left shift when
positive; TOSA's rescale shift is 31 minus it.
"""

INT32_MIN, INT32_MAX = -(1 << 31), (1 << 31) - 1


def wrap32(v):
    """v as TFLite's int32 arithmetic holds it (two's complement)."""
    return (v - INT32_MIN) % 2**32 + INT32_MIN


def clamp(v, lo, hi):
    return lo if v < lo else hi if v > hi else v


def saturating_rounding_doubling_high_mul(a, b):
    """gemmlowp's SaturatingRoundingDoublingHighMul."""
    if a == b == INT32_MIN:
        return INT32_MAX
    ab = a * b
    nudge = (1 << 30) if ab >= 0 else 1 - (1 << 30)
    n = ab + nudge
    q = abs(n) >> 31  # division by 2^31, truncating toward zero
    return q if n >= 0 else -q


def rounding_divide_by_pot(x, exponent):
    """gemmlowp's RoundingDivideByPOT: x / 2^exponent, halves away from
    zero."""
    mask = (1 << exponent) - 1
    remainder = x & mask
    threshold = (mask >> 1) + (1 if x < 0 else 0)
    return (x >> exponent) + (1 if remainder > threshold else 0)


def multiply_by_quantized_multiplier(x, multiplier, shift):
    """TFLite's MultiplyByQuantizedMultiplier (its left shift in int32)."""
    left, right = max(shift, 0), max(-shift, 0)
    return rounding_divide_by_pot(
        saturating_rounding_doubling_high_mul(wrap32(x * (1 << left)),
                                              multiplier), right)
