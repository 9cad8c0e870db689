module example.com/imagetest

go 1.19
