from chargewatch.cli.main import main

main()
