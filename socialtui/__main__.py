from socialtui.cli import main

main()
