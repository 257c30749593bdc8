func.func @net(%x: tensor<4xi32>) -> tensor<4xi32> {
  %y = tosa.custom %x {operator_name = "fancy", domain_name = "acme", implementation_attrs = ""} : (tensor<4xi32>) -> tensor<4xi32>
  %z = tosa.custom %y {operator_name = "fancy", domain_name = "acme", implementation_attrs = ""} : (tensor<4xi32>) -> tensor<4xi32>
  return %z : tensor<4xi32>
}
