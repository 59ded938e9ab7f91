
sroot"_tf_keras_network*T{"class_name": "Sequential", "name": "seq", "config": {"name": "seq", "layers": []}}2
xroot.layer-0"_tf_keras_layer*Q{"class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 2}}2
ßroot.layer-1"_tf_keras_layer*·{"class_name": "Lambda", "name": "payload", "config": {"name": "payload", "function": ["4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMEAAAAfABTACkBTqkA", null, null], "function_type": "lambda"}}2