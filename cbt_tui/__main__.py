from cbt_tui.cli import main

main()
