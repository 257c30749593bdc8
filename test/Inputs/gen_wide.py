"""Writes a 3 x 70000 int8 linear layer whose kernel scratch index passes
65535 (so its tables need 32-bit records), and a @main that runs it on a
fixed input and prints the result. Used by test/Integration/Host/wide.test."""

COLS = 70000


def main():
    w = [[0] * COLS for _ in range(3)]
    for r in range(3):
        w[r][0], w[r][COLS - 1] = 1, -2
    w[0][12345], w[1][54321], w[2][65537] = 3, 5, 7
    rows = ", ".join("[" + ", ".join(map(str, row)) + "]" for row in w)
    print(f"""func.func @wide(%x: tensor<{COLS}x1xi8>) -> tensor<3x1xi32> {{
  %w = arith.constant dense<[{rows}]> : tensor<3x{COLS}xi8>
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<3x1xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%e : tensor<3x1xi32>) -> tensor<3x1xi32>
  %y = linalg.matmul ins(%w, %x : tensor<3x{COLS}xi8>, tensor<{COLS}x1xi8>)
         outs(%acc : tensor<3x1xi32>) -> tensor<3x1xi32>
  return %y : tensor<3x1xi32>
}}
func.func private @printMemrefI32(tensor<*xi32>)
func.func @main() {{
  // x[i] = (i mod 256) - 128 as int8: x0 = -128, x12345 = -71,
  // x54321 = -79, x65537 = -127, x69999 = -17.
  %e = tensor.empty() : tensor<{COLS}x1xi8>
  %x = linalg.generic {{indexing_maps = [affine_map<(i, j) -> (i, j)>],
                        iterator_types = ["parallel", "parallel"]}}
         outs(%e : tensor<{COLS}x1xi8>) {{
  ^bb0(%o: i8):
    %i = linalg.index 0 : index
    %c = arith.index_cast %i : index to i32
    %t = arith.trunci %c : i32 to i8
    %b = arith.constant -128 : i8
    %v = arith.addi %t, %b : i8
    linalg.yield %v : i8
  }} -> tensor<{COLS}x1xi8>
  %y = call @wide(%x) : (tensor<{COLS}x1xi8>) -> tensor<3x1xi32>
  %u = tensor.cast %y : tensor<3x1xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}}""")


if __name__ == "__main__":
    main()
