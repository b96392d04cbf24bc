module escapenatives

go 1.19
